/**
 * {@code msqsim sweep}: many boards × models × widths × designs as an Apache Spark job, in a module and
 * jar of its own so that the main {@code msqsim} program never loads Spark.
 *
 * <ul>
 *   <li>The sweep file: {@link org.msqsim.sweep.SweepSpec}, read strictly by
 *       {@link org.msqsim.sweep.SweepSpecReader} (keys: {@code sweep/reference.yaml}).</li>
 *   <li>The driver: {@link org.msqsim.sweep.SparkSweep} runs {@code explore}'s search
 *       ({@code org.msqsim.models.explore.Search}) for every case, one Spark job per stage;
 *       {@code CaseState} keeps each case's results.</li>
 *   <li>What travels: {@code SweepCase} (broadcast once), {@code DesignTask} out, {@code TaskOutcome}
 *       back; {@code CaseContext} is a case rebuilt in an executor's JVM.</li>
 *   <li>The command, its output folder and progress: {@code SweepCommand}, {@code SweepMain},
 *       {@code SweepOutput}, {@code StageProgress}.</li>
 * </ul>
 *
 * <p>Depends on Spark (SQL, for Parquet), {@code cli} (explore's report, the user-error and table
 * helpers), {@code boards} and {@code sim-models}. Nothing depends on it.
 */
package org.msqsim.sweep;
