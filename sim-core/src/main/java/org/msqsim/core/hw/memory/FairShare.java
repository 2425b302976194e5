package org.msqsim.core.hw.memory;

/**
 * Max-min fair ("water-filling") division of the controller's sustained bandwidth among the
 * transfers in their data phase, grouped by (port, direction).
 *
 * <p>All transfers of one group share that group's ceiling, the port's {@code widthBits/8 · clock}
 * in that direction (UG585 Theoretical Bandwidth, facts/boards.md §2a: AXI reads and writes run on
 * independent channels). Progressive filling raises every transfer's rate together; a group whose
 * per-transfer ceiling is reached freezes there and the bandwidth it cannot use goes to the others,
 * until the controller's capacity is spent. The result is the unique max-min fair allocation.
 *
 * <p>Rates are whole bytes per second, rounded down: a per-transfer ceiling is
 * {@code floor(ceiling / n)} and the common level is {@code floor(left / unfrozen)}. Rounding down
 * keeps both limits hard (no port and not the controller ever exceeds its rate) and costs fewer
 * bytes per second than there are active transfers — below 1 ppm at GB/s rates. Equal transfers
 * always get exactly equal rates. Allocation-free: scratch arrays are sized once.
 */
final class FairShare {

    private final long[] ceiling;
    private final long[] rate;
    private final int[] order;

    /** {@code ceilings[g]}: bytes/s of group g, indexed {@code port · 2 + direction}. */
    FairShare(long[] ceilings) {
        this.ceiling = ceilings.clone();
        this.rate = new long[ceilings.length];
        this.order = new int[ceilings.length];
    }

    /** Rate of each transfer in {@code group} after the last {@link #allocate}; 0 if none active. */
    long rate(int group) {
        return rate[group];
    }

    /** Per-transfer ceiling of {@code group} when it holds {@code count} transfers. */
    long perTransferCeiling(int group, int count) {
        return ceiling[group] / count;
    }

    /**
     * Divides {@code capacity} bytes/s among {@code count[g]} transfers per group.
     *
     * @throws IllegalStateException if so many transfers share so little bandwidth that the fair
     *                               share rounds to 0 bytes/s and nothing could progress
     */
    void allocate(long capacity, int[] count) {
        int groups = 0;
        long unfrozen = 0;
        for (int g = 0; g < count.length; g++) {
            rate[g] = 0;
            if (count[g] > 0) {
                order[groups++] = g;
                unfrozen += count[g];
            }
        }
        sortByPerTransferCeiling(groups, count);
        long left = capacity;
        for (int i = 0; i < groups; i++) {
            int g = order[i];
            long cap = perTransferCeiling(g, count[g]);
            if (cap == 0) {
                throw new IllegalStateException(count[g] + " transfers share one port of " + ceiling[g]
                        + " B/s: the per-transfer share rounds to 0 B/s and none could progress");
            }
            if (Math.multiplyExact(cap, unfrozen) <= left) {
                rate[g] = cap;
                left -= cap * count[g];
                unfrozen -= count[g];
                continue;
            }
            long level = left / unfrozen;
            if (level == 0) {
                throw new IllegalStateException(unfrozen + " transfers share " + left
                        + " B/s: the fair share rounds to 0 B/s and no transfer could progress");
            }
            for (int j = i; j < groups; j++) {
                rate[order[j]] = level;
            }
            return;
        }
    }

    /** Insertion sort: a handful of groups (2 per port), stable, no allocation. */
    private void sortByPerTransferCeiling(int groups, int[] count) {
        for (int i = 1; i < groups; i++) {
            int g = order[i];
            long key = perTransferCeiling(g, count[g]);
            int j = i - 1;
            while (j >= 0 && perTransferCeiling(order[j], count[order[j]]) > key) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = g;
        }
    }
}
