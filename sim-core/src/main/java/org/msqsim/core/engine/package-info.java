/**
 * The simulation loop. {@link org.msqsim.core.engine.Simulator} owns the current time and one
 * {@link org.msqsim.core.event.EventQueue}, fires events in their total order, refuses events
 * scheduled in the past (naming the event and both times, STYLE "Time and events" 13), stops on
 * request, at a time, when the queue drains or after a number of events, and carries a watchdog
 * that turns a run making no progress into a {@link org.msqsim.core.engine.SimulationStalledException}
 * instead of a hang.
 *
 * <p>Components compute when things happen with {@link org.msqsim.core.time.ClockDomain} and
 * schedule one event there; the engine never ticks idle cycles (STYLE 3).
 *
 * <p>Depends on {@code org.msqsim.core.time} and {@code org.msqsim.core.event} only.
 */
package org.msqsim.core.engine;
