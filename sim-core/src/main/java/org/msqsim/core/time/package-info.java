/**
 * Simulated time: a primitive {@code long} of integer picoseconds everywhere, never a
 * {@code double} (STYLE "Time and events" 1; Caffeine {@code TimerWheel} and Logisim {@code QNode}
 * keep integer time too). {@link org.msqsim.core.time.ClockDomain} turns cycles into picoseconds
 * and back exactly, so a 300 MHz clock never drifts; {@link org.msqsim.core.time.EdgeCursor} steps
 * its edges by quotient plus carried remainder; {@link org.msqsim.core.time.Time} holds the unit
 * constants and the one formatter that error messages and reports share.
 *
 * <p>Depends on nothing but the JDK.
 */
package org.msqsim.core.time;
