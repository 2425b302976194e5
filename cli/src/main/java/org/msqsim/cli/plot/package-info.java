/**
 * PNG charts drawn with JFreeChart, headless, written whole or not at all: {@code explore}'s latency,
 * speedup and Pareto charts ({@link org.msqsim.cli.plot.Plots}, which also prepares the output
 * directory) and {@code run}'s latency breakdown and core utilisation per layer
 * ({@link org.msqsim.cli.plot.RunPlots}).
 *
 * <p>May depend on {@code org.msqsim.cli.report} (the results it draws), {@code org.msqsim.cli.io},
 * sim-models' explore results and JFreeChart.
 */
package org.msqsim.cli.plot;
