package org.msqsim.core.hw.memory;

import java.math.BigInteger;
import java.util.Arrays;
import org.msqsim.core.event.EventHandler;
import org.msqsim.core.time.Time;

/**
 * The transfers a {@link DdrController} has in flight, as parallel arrays indexed by a reusable
 * slot, so issuing and retiring requests allocates nothing once the arrays have grown; and the
 * data-phase set: active slots in order of entry, with a count per (port, direction) group.
 *
 * <p>Remaining data is kept exactly in picobytes (10^-12 B) as a pair: whole bytes plus a fraction
 * {@code 0 <= pico < 10^12}. A transfer at {@code r} B/s moves exactly {@code r · dt} picobytes in
 * {@code dt} ps, an integer, so the fluid model integrates without rounding and never drifts. The
 * only rounding is the completion instant, taken up to the next whole ps: a transfer then overshoots
 * by less than {@code r} picobytes (under one byte), in the conservative direction — it finishes at
 * most 1 ps late, never early, so no interval ever carries more than its rate allows.
 */
final class TransferTable {

    private static final long PICO = Time.PS_PER_S;

    private long[] id = new long[8];
    private long[] bytes = new long[8];
    private long[] whole = new long[8];
    private long[] pico = new long[8];
    private int[] group = new int[8];
    private EventHandler[] onDone = new EventHandler[8];
    private int[] free = new int[8];
    private int freeCount;
    private int used;
    private int[] active = new int[8];
    private int activeCount;
    private final int[] groupCount;
    private int writesActive;
    private EventHandler[] retired = new EventHandler[8];

    TransferTable(int groups) {
        groupCount = new int[groups];
    }

    /** Takes a slot for a transfer of {@code total} bytes (already rounded to bursts). */
    int allocate(long transferId, int portDirection, long total, EventHandler done) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (used == id.length) {
                grow(2 * used);
            }
            slot = used++;
        }
        id[slot] = transferId;
        bytes[slot] = total;
        whole[slot] = total;
        pico[slot] = 0;
        group[slot] = portDirection;
        onDone[slot] = done;
        return slot;
    }

    /** Puts {@code slot} into the data phase. */
    void activate(int slot) {
        if (activeCount == active.length) {
            active = Arrays.copyOf(active, 2 * activeCount);
        }
        active[activeCount++] = slot;
        groupCount[group[slot]]++;
        writesActive += group[slot] & 1;
    }

    /**
     * Removes the finished transfers from the data phase, in order of entry, counting them in
     * {@code stats}; returns how many, their handlers then available from {@link #retired}.
     */
    int retireFinished(DdrStats stats, Direction[] directions) {
        int done = 0;
        int kept = 0;
        for (int i = 0; i < activeCount; i++) {
            int slot = active[i];
            if (!finished(slot)) {
                active[kept++] = slot;
                continue;
            }
            if (done == retired.length) {
                retired = Arrays.copyOf(retired, 2 * done);
            }
            int g = group[slot];
            groupCount[g]--;
            writesActive -= g & 1;
            stats.completed(g >> 1, directions[g & 1], bytes[slot]);
            retired[done++] = onDone[slot];
            onDone[slot] = null;
            free[freeCount++] = slot;
        }
        activeCount = kept;
        return done;
    }

    /** The i-th handler of the last {@link #retireFinished}; clears it. */
    EventHandler retired(int i) {
        EventHandler handler = retired[i];
        retired[i] = null;
        return handler;
    }

    int activeCount() {
        return activeCount;
    }

    int activeSlot(int i) {
        return active[i];
    }

    int[] groupCounts() {
        return groupCount;
    }

    boolean someWriteActive() {
        return writesActive > 0;
    }

    long id(int slot) {
        return id[slot];
    }

    long bytes(int slot) {
        return bytes[slot];
    }

    int group(int slot) {
        return group[slot];
    }

    EventHandler onDone(int slot) {
        return onDone[slot];
    }

    /** Moves {@code rate · dtPs} picobytes of the transfer in {@code slot}. */
    void consume(int slot, long rate, long dtPs) {
        long p = pico[slot] - mulMod(rate, dtPs, PICO);
        long w = whole[slot] - mulDivFloor(rate, dtPs, PICO);
        if (p < 0) {
            p += PICO;
            w--;
        }
        whole[slot] = w;
        pico[slot] = p;
    }

    boolean finished(int slot) {
        return whole[slot] < 0 || (whole[slot] == 0 && pico[slot] == 0);
    }

    /** Whole ps until the transfer in {@code slot} finishes at {@code rate} B/s: ceil(remaining / rate). */
    long psToFinish(int slot, long rate) {
        if (finished(slot)) {
            return 0;
        }
        // whole·10^12 + pico = q·rate + m + pico, with m < rate, so ceil(...) = q + ceil((m + pico) / rate)
        long q = mulDivFloor(whole[slot], PICO, rate);
        long m = mulMod(whole[slot], PICO, rate);
        return Math.addExact(q, (m + pico[slot] + rate - 1) / rate);
    }

    private void grow(int capacity) {
        id = Arrays.copyOf(id, capacity);
        bytes = Arrays.copyOf(bytes, capacity);
        whole = Arrays.copyOf(whole, capacity);
        pico = Arrays.copyOf(pico, capacity);
        group = Arrays.copyOf(group, capacity);
        onDone = Arrays.copyOf(onDone, capacity);
        free = Arrays.copyOf(free, capacity);
    }

    /**
     * {@code floor(a·b/d)} for non-negative operands. The product is exact in 64 bits for every
     * transfer below ~9 MB in one step; beyond that (a 100 MB VGG layer, an interval of seconds) it
     * falls back to BigInteger, which allocates but only on those rare, already long events.
     */
    static long mulDivFloor(long a, long b, long d) {
        long lo = a * b;
        if (Math.multiplyHigh(a, b) == 0 && lo >= 0) {
            return lo / d;
        }
        return wide(a, b).divide(BigInteger.valueOf(d)).longValueExact();
    }

    /** {@code a·b mod d} for non-negative operands. */
    static long mulMod(long a, long b, long d) {
        long lo = a * b;
        if (Math.multiplyHigh(a, b) == 0 && lo >= 0) {
            return lo % d;
        }
        return wide(a, b).mod(BigInteger.valueOf(d)).longValueExact();
    }

    private static BigInteger wide(long a, long b) {
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
    }
}
