package org.msqsim.cli.report;

import org.msqsim.core.spec.PeArraySpec;

/**
 * A core's design as the tables print it: rows x cols x packing, dataflow, clock — "16x44x4 os
 * 150MHz"; a vector PE adds its lanes ("8x8x2 v16 os"), a double-pumped core "2x" after its clock,
 * DSP accumulators "+acc", the overlapped drain "ovl", N column sets "sN".
 */
public final class CoreShape {
    private CoreShape() {
    }

    public static String of(PeArraySpec c) {
        String df = switch (c.dataflow()) {
            case OUTPUT_STATIONARY -> "os";
            case WEIGHT_STATIONARY -> "ws";
            case DOT_PRODUCT -> "dot";
        };
        return c.rows() + "x" + c.cols() + "x" + c.packing() + (c.vectorLanes() > 1 ? " v" + c.vectorLanes() : "")
                + " " + df + " " + c.clockHz() / 1_000_000 + "MHz" + (c.doublePumped() ? " 2x" : "")
                + (c.dspAccumulators() ? " +acc" : "") + (c.overlappedDrain() ? " ovl" : "")
                + (c.columnSets() > 1 ? " s" + c.columnSets() : "");
    }
}
