/**
 * Timeline tracing: components report spans and counter samples to a {@link
 * org.msqsim.core.trace.TraceSink}; the shared {@link org.msqsim.core.trace.TraceSink#NONE} costs
 * nothing when tracing is off, and {@link org.msqsim.core.trace.ChromeTrace} collects a timeline in
 * the Chrome/Perfetto trace-event JSON format (one track per core, DMA stream and buffer).
 *
 * <p>Depends on nothing but the JDK.
 */
package org.msqsim.core.trace;
