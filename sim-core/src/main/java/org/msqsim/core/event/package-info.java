/**
 * The event list. An {@link org.msqsim.core.event.Event} is (time ps, phase, sequence, handler) and
 * all events obey one total order, time then phase then sequence, with the sequence counter owned
 * by each queue instance, so equal (time, phase) fire in scheduling order (FIFO) and a run is
 * reproducible to the event (STYLE "Time and events" 2; Logisim {@code Propagator}/{@code QNode}
 * serial numbers; DSOL event lists).
 *
 * <p>One small interface, {@link org.msqsim.core.event.EventQueue}, with a fast implementation,
 * {@link org.msqsim.core.event.PackedHeapEventQueue}, and a plain reference,
 * {@link org.msqsim.core.event.ReferenceEventQueue}, both held to one contract test and a seeded
 * differential test (STYLE 4; DSOL {@code EventListTest}). Handlers are a functional interface:
 * no reflection, no string dispatch (STYLE 5, DSOL {@code SimEvent} being the counter-example).
 *
 * <p>Depends on {@code org.msqsim.core.time} only.
 */
package org.msqsim.core.event;
