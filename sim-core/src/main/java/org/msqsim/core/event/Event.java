package org.msqsim.core.event;

import org.msqsim.core.time.Time;

/**
 * One scheduled event, as a value. The total order is (time, phase, sequence): earlier time
 * first; at equal time the lower phase first (phases order the steps inside one instant, e.g.
 * clock edge before combinational settle before commit); at equal time and phase the lower
 * sequence, i.e. scheduling order (Logisim {@code Propagator} serial numbers, DSOL event lists).
 * Sequences are unique per queue, so no two events compare equal and the order is total.
 *
 * <p>The limits below let {@link PackedHeapEventQueue} pack phase and sequence into one
 * non-negative {@code long}: 16 bits of phase over 47 bits of sequence (1.4·10^14 events per queue,
 * over a day at 10^9 events/s).
 *
 * @param time     picoseconds, at least 0
 * @param phase    0..{@link #MAX_PHASE}
 * @param sequence assigned by the queue that scheduled it, 0..{@link #MAX_SEQUENCE}
 * @param handler  what runs when the event fires
 */
public record Event(long time, int phase, long sequence, EventHandler handler) implements Comparable<Event> {

    public static final int MAX_PHASE = 0xFFFF;
    public static final int SEQUENCE_BITS = 47;
    public static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    public Event {
        checkSchedulable(time, phase, handler);
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("event sequence must be 0.." + MAX_SEQUENCE + ", got " + sequence);
        }
    }

    @Override
    public int compareTo(Event other) {
        int byTime = Long.compare(time, other.time);
        if (byTime != 0) {
            return byTime;
        }
        int byPhase = Integer.compare(phase, other.phase);
        return byPhase != 0 ? byPhase : Long.compare(sequence, other.sequence);
    }

    /** The argument checks every queue applies, so both implementations reject the same inputs. */
    static void checkSchedulable(long time, int phase, EventHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("event at " + Time.format(time) + " needs a handler");
        }
        if (time < 0) {
            throw new IllegalArgumentException("event '" + handler.label() + "': time must be >= 0, got "
                    + Time.format(time));
        }
        if (phase < 0 || phase > MAX_PHASE) {
            throw new IllegalArgumentException("event '" + handler.label() + "': phase must be 0.." + MAX_PHASE
                    + ", got " + phase);
        }
    }

    /** The sequence a queue may hand out next, or an exception once {@link #MAX_SEQUENCE} is used. */
    static long checkSequence(long next) {
        if (next > MAX_SEQUENCE) {
            throw new IllegalStateException("event queue exhausted its " + (MAX_SEQUENCE + 1) + " sequence numbers");
        }
        return next;
    }

    @Override
    public String toString() {
        return "'" + handler.label() + "' at " + Time.format(time) + " phase " + phase + " #" + sequence;
    }
}
