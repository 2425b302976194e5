package org.msqsim.cli.report;

import java.util.List;

/** The report of a {@code run} of one layer or a network, with what its charts need. */
public interface RunOutcome extends Report {
    /** Each layer's latency split into compute, memory and imbalance, in execution order. */
    List<LayerBreakdown> breakdown();

    /** What ran where, for the charts' subtitle, e.g. "resnet18 on zc706, 4-bit, bit-exact". */
    String subtitle();
}
