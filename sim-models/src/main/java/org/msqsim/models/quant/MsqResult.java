package org.msqsim.models.quant;

import java.util.List;

/**
 * The outcome of an MSQ assignment: the quantized matrix, a report per row, and the whole matrix's
 * MSE under the mixed assignment and under each scheme alone (each at the same bit width, every row
 * at its own best α).
 */
public record MsqResult(QuantizedWeights weights, List<RowReport> rows, double mseMsq, double mseAllFixed,
                        double mseAllSp2) {

    public MsqResult {
        rows = List.copyOf(rows);
    }

    public int sp2Rows() {
        return weights.countRows(Scheme.SP2);
    }
}
