package org.msqsim.core.hw.memory;

/**
 * The read/write turnaround rule of {@link DdrController}: which class of traffic the DRAM bus is
 * serving ("reads only" or "some write"), and how much idle bus time a change of class costs.
 *
 * <p>A DRAM needs a minimum gap between a read burst and a write burst and back (JEDEC tWTR/tRTW);
 * the model charges one gap of {@code turnaroundPs} per change of class, during which no bytes
 * move. An idle bus already waited: after {@code idle} ps of silence the change costs
 * {@code max(0, turnaroundPs − idle)}. A change of class while a gap runs retargets it for free.
 */
final class BusTurnaround {

    private static final long NONE = -1;

    private final long turnaroundPs;
    private boolean served;
    private boolean servingWrites;
    private long idleSince;
    private long gapEnd = NONE;

    BusTurnaround(long turnaroundPs, long nowPs) {
        this.turnaroundPs = turnaroundPs;
        this.idleSince = nowPs;
    }

    /** The data-phase set became empty at {@code nowPs}. */
    void idle(long nowPs) {
        idleSince = nowPs;
    }

    /**
     * The data-phase set changed at {@code nowPs} and is not empty; returns the gap to insert now
     * (0 for none). {@code wasIdle}: the set was empty just before this change.
     */
    long changed(long nowPs, boolean someWrite, boolean wasIdle) {
        if (served && someWrite == servingWrites) {
            return 0;
        }
        boolean firstTraffic = !served;
        served = true;
        servingWrites = someWrite;
        if (firstTraffic || gapEnd != NONE) {
            return 0;
        }
        long gap = wasIdle ? Math.max(0, turnaroundPs - (nowPs - idleSince)) : turnaroundPs;
        if (gap > 0) {
            gapEnd = Math.addExact(nowPs, gap);
        }
        return gap;
    }

    /** True from the start of a gap until {@link #gapEnded}. */
    boolean inGap() {
        return gapEnd != NONE;
    }

    long gapEnd() {
        return gapEnd;
    }

    void gapEnded() {
        gapEnd = NONE;
    }
}
