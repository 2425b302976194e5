package org.msqsim.sweep;

import java.util.List;
import org.msqsim.models.explore.ExploreGrid;

/**
 * A sweep file, read and checked ({@link SweepSpecReader}; every key in {@code sweep/reference.yaml}):
 * the axes — boards, models, weight widths, the explore grid — the routability ceilings, the mode and
 * which design rows to keep. The sweep is the cross product boards × models × bits, each explored on
 * {@link #grid()} exactly as {@code msqsim explore} would.
 *
 * @param source   how errors and reports name the file
 * @param boards   built-in board ids or board-file paths (resolved against the sweep file's folder)
 * @param models   built-in model names
 * @param bits     weight and activation widths; empty means each board design's own width
 * @param grid     the design grid of {@code explore} ({@link ExploreGrid})
 * @param ceilings LUT, DSP and BRAM utilisation ceilings, each in (0, 1]
 */
public record SweepSpec(String source, List<BoardRef> boards, List<String> models, List<Integer> bits, Mode mode,
                        ExploreGrid grid, Ceilings ceilings, Keep keep) {
    public SweepSpec {
        boards = List.copyOf(boards);
        models = List.copyOf(models);
        bits = List.copyOf(bits);
    }

    /** A board as the sweep file names it, and the text of its board file (read once, on the driver). */
    public record BoardRef(String name, String text) {
    }

    /** The routability ceilings of {@code explore} ({@code --ceiling-lut/dsp/bram}). */
    public record Ceilings(double lut, double dsp, double bram) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public static Ceilings standard() {
            return new Ceilings(0.70, 0.80, 0.80);
        }
    }

    /** How each design is evaluated. */
    public enum Mode {
        /** Timing-only, as {@code explore}: latency, resources; no values computed. */
        TIMING("timing"),
        /**
         * Bit-exact, as {@code run}: every layer's outputs computed and checked against the golden
         * integer reference; the row says whether they matched. Seconds per design, not milliseconds.
         */
        BIT_EXACT("bit-exact");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** Which design rows the Parquet and CSV tables keep (the summaries always use every design). */
    public enum Keep {
        /** Every evaluated design, mapped or not. */
        ALL("all"),
        /** The designs that could be mapped. */
        MAPPED("mapped"),
        /** The Pareto front of each board × model × width (latency, LUT, DSP). */
        PARETO("pareto");

        private final String word;

        Keep(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
