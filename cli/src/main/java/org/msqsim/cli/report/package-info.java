/**
 * What the commands print: a {@link org.msqsim.cli.report.Report} renders one result as a table, JSON
 * or CSV ({@link org.msqsim.cli.report.OutputFormat}); {@code RunReport} (one layer),
 * {@code NetworkReport}, {@code ScaleSimReport} and {@code ExploreReport} are the results of
 * {@code run} and {@code explore}; {@link org.msqsim.cli.report.LayerBreakdown} is a layer's latency
 * split for the charts; {@code TextTable}, {@code Json}, {@code Units} and {@code CoreShape} are the
 * shared formatting.
 *
 * <p>Reports format; they do not compute: every figure comes from the simulator's results or from
 * {@code org.msqsim.models.metrics.RunMetrics}, so a table, its JSON and its CSV cannot disagree.
 * May depend on sim-core, sim-models, {@code org.msqsim.cli.io} (user errors) and Jackson; not on
 * {@code org.msqsim.cli} or the other sub-packages.
 */
package org.msqsim.cli.report;
