package org.msqsim.core.spec;

/**
 * How an output-stationary array gets a fold's results out ({@code hw.compute.ArrayTiming},
 * {@code resource.PeArrayCost}, docs/cost-model.md "Drain"). Timing and cost describe the same
 * registers either way; the option means nothing to weight-stationary and dot-product arrays, whose
 * results leave as they are formed, so they take {@link #IN_PLACE}.
 */
public enum Drain {
    /**
     * The results shift down each column through the accumulator registers themselves, the output's
     * running sum shifting in from the top behind them; the array computes nothing during the r drain
     * cycles. No register of its own: a LUT PE's drain mux folds into its accumulator adder's LUT6_2,
     * a DSP PE's P shifts down the PCOUT→PCIN cascade. A fold is {@code k + 2r + c − 2} cycles.
     */
    IN_PLACE,
    /**
     * Each PE's last product of a fold is written into a shadow register beside its accumulator,
     * which starts the next fold from zero; the shadows shift down and out while the next fold
     * computes, and each result is added into its output's running sum at the column's foot. Costs a
     * fabric shadow register and its 2:1 mux per accumulator bit, and a running-sum adder per column
     * lane; the folds of a tile start {@code max(k, 2r − r')} cycles apart.
     */
    OVERLAPPED
}
