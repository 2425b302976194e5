package org.msqsim.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Simulated work per wall-clock second, reported by JMH beside a benchmark's own score: the
 * benchmark adds the MACs and controller cycles it simulated, JMH divides by the iteration's time.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Simulated {
    public long macs;
    public long cycles;

    @Setup(Level.Iteration)
    public void clear() {
        macs = 0;
        cycles = 0;
    }
}
