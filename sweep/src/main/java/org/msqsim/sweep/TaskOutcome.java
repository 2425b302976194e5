package org.msqsim.sweep;

import java.io.Serializable;

/**
 * What an executor sends back for one design: its latency and MACs, or why it could not be mapped.
 *
 * @param latencyPs latency per frame; -1 when unmapped
 * @param reason    null when mapped; else the mapper's sentence
 * @param bitExact  null in timing mode; else whether every layer's output equalled the golden one
 */
public record TaskOutcome(int caseId, int index, long latencyPs, long macs, String reason, Boolean bitExact)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    boolean mapped() {
        return reason == null;
    }
}
