package org.msqsim.sweep;

import java.io.Serializable;
import java.util.List;
import org.msqsim.models.explore.ExploreGrid;

/**
 * One board × model × width of a sweep, as it travels to the executors (Java-serialised, broadcast
 * once): everything an executor needs to rebuild the designs of this case and evaluate them — the
 * board file's text (so a user's board file need not exist on the executors), the model's name, the
 * width, the grid, the ceilings and the mode. Immutable; {@link CaseContext} is what an executor
 * builds from it.
 *
 * @param id        position in the sweep (boards, then models, then bits, in the file's order)
 * @param boardName the board as the sweep file names it
 * @param bits      weight and activation width; 0 keeps the board design's own
 */
public record SweepCase(int id, String boardName, String boardText, String model, int bits,
                        int fractionSteps, List<Integer> rowOptions, List<Double> colLevels,
                        List<Double> bufferScales, int refineTop, boolean refineClocks,
                        SweepSpec.Ceilings ceilings, SweepSpec.Mode mode) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepCase {
        rowOptions = List.copyOf(rowOptions);
        colLevels = List.copyOf(colLevels);
        bufferScales = List.copyOf(bufferScales);
    }

    /** The cases of a sweep file: boards × models × bits (or the design's own width), in the file's order. */
    public static List<SweepCase> of(SweepSpec spec) {
        List<Integer> widths = spec.bits().isEmpty() ? List.of(0) : spec.bits();
        ExploreGrid g = spec.grid();
        java.util.ArrayList<SweepCase> out = new java.util.ArrayList<>();
        for (SweepSpec.BoardRef b : spec.boards()) {
            for (String m : spec.models()) {
                for (int w : widths) {
                    out.add(new SweepCase(out.size(), b.name(), b.text(), m, w, g.fractionSteps(), g.rowOptions(),
                            g.colLevels(), g.bufferScales(), g.refineTop(), g.refineClocks(), spec.ceilings(),
                            spec.mode()));
                }
            }
        }
        return List.copyOf(out);
    }

    public ExploreGrid grid() {
        return new ExploreGrid(fractionSteps, rowOptions, colLevels, bufferScales, refineTop, refineClocks);
    }
}
