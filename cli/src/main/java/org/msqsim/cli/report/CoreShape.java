package org.msqsim.cli.report;

import org.msqsim.core.spec.PeArraySpec;

/** A core's design as the tables print it: rows x cols x packing, dataflow, clock — "16x44x4 os 150MHz". */
public final class CoreShape {
    private CoreShape() {
    }

    public static String of(PeArraySpec c) {
        String df = switch (c.dataflow()) {
            case OUTPUT_STATIONARY -> "os";
            case WEIGHT_STATIONARY -> "ws";
            case DOT_PRODUCT -> "dot";
        };
        return c.rows() + "x" + c.cols() + "x" + c.packing() + " " + df + " " + c.clockHz() / 1_000_000 + "MHz";
    }
}
