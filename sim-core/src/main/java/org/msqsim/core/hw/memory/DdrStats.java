package org.msqsim.core.hw.memory;

/**
 * Counters of one {@link DdrController}: always on, because each costs one add per request or per
 * rate change, never per beat (STYLE 8). Bytes are counted when a transfer completes and include
 * the padding of its last partial burst — what the bus actually carried.
 *
 * <p>{@link #busyPs()} is the time with at least one transfer in its data phase, turnaround gaps
 * included; {@link #turnaroundPs()} is the part of it lost to read/write switches.
 */
public final class DdrStats {

    private final long[] bytesRead;
    private final long[] bytesWritten;
    private long transfersIssued;
    private long transfersCompleted;
    private long busyPs;
    private long turnaroundPs;
    private long turnarounds;
    private int peakActive;

    DdrStats(int ports) {
        bytesRead = new long[ports];
        bytesWritten = new long[ports];
    }

    void issued() {
        transfersIssued++;
    }

    void completed(int port, Direction direction, long bytes) {
        transfersCompleted++;
        if (direction == Direction.READ) {
            bytesRead[port] += bytes;
        } else {
            bytesWritten[port] += bytes;
        }
    }

    void busy(long ps) {
        busyPs += ps;
    }

    void turnaround(long ps) {
        turnarounds++;
        turnaroundPs += ps;
    }

    void active(int count) {
        peakActive = Math.max(peakActive, count);
    }

    public long bytesRead(int port) {
        return bytesRead[port];
    }

    public long bytesWritten(int port) {
        return bytesWritten[port];
    }

    public long bytesRead() {
        long sum = 0;
        for (long b : bytesRead) {
            sum += b;
        }
        return sum;
    }

    public long bytesWritten() {
        long sum = 0;
        for (long b : bytesWritten) {
            sum += b;
        }
        return sum;
    }

    /** All bytes moved, both directions, all ports. */
    public long bytes() {
        return bytesRead() + bytesWritten();
    }

    public long transfersIssued() {
        return transfersIssued;
    }

    public long transfersCompleted() {
        return transfersCompleted;
    }

    public long busyPs() {
        return busyPs;
    }

    public long turnaroundPs() {
        return turnaroundPs;
    }

    /** Number of read/write switches that cost bus time. */
    public long turnarounds() {
        return turnarounds;
    }

    /** Most transfers ever in their data phase at once. */
    public int peakActiveTransfers() {
        return peakActive;
    }
}
