package org.msqsim.models.scalesim;

/**
 * One layer's line of SCALE-Sim's {@code COMPUTE_REPORT.csv}, stall-free, with the mapping behind it.
 *
 * @param name                     the layer's name
 * @param dataflow                 the dataflow it was mapped with
 * @param sr                       spatial rows S_r (mapped onto the array's rows)
 * @param sc                       spatial columns S_c (mapped onto the array's columns)
 * @param t                        temporal extent T (streamed through the array per fold)
 * @param rowFolds                 {@code ceil(S_r / ArrayHeight)}
 * @param colFolds                 {@code ceil(S_c / ArrayWidth)}
 * @param foldCycles               demand-matrix rows of one fold (the same for every fold)
 * @param computeCycles            SCALE-Sim's "Total Cycles" for a stall-free run
 * @param macs                     MACs as SCALE-Sim counts them (including partial windows)
 * @param overallUtilPercent       "Overall Util %": {@code 100 · macs / (computeCycles · H · W)}
 * @param mappingEfficiencyPercent "Mapping Efficiency %": mean over folds of used PEs / all PEs
 * @param computeUtilPercent       "Compute Util %": mean over folds of SCALE-Sim's per-fold utilisation
 */
public record LayerCycles(
        String name,
        ScaleSimDataflow dataflow,
        long sr,
        long sc,
        long t,
        long rowFolds,
        long colFolds,
        long foldCycles,
        long computeCycles,
        long macs,
        double overallUtilPercent,
        double mappingEfficiencyPercent,
        double computeUtilPercent) {

    public long folds() {
        return rowFolds * colFolds;
    }
}
