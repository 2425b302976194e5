package org.msqsim.sweep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.msqsim.models.explore.Search;

/**
 * The driver of a sweep: the search of every case, stage by stage, with each stage's designs — of all
 * cases together — evaluated as one Spark job. Stage {@code s + 1} of a case is generated from the
 * mapped results of stages ≤ {@code s}, exactly as {@code Explorer.explore} does it, so the designs, their
 * indices and their results equal {@code explore}'s on the same board, model and grid, whatever the
 * partitioning, the executors or the order tasks finish in (each outcome carries its case and index).
 *
 * <p>Only design parameters ({@link DesignTask}, a few dozen bytes) go to the executors and only
 * {@link TaskOutcome}s come back; the cases travel once, as a broadcast. A task that throws (a bug,
 * a lost executor) is retried by Spark; a design the mapper cannot tile is an outcome, not a failure.
 */
public final class SparkSweep {
    /**
     * A test hook: when this system property is true in an executor's JVM, the first attempt of each
     * stage's first task fails, so that a test sees Spark retry it and the rows come out the same.
     */
    static final String FAIL_FIRST_ATTEMPT = "msqsim.sweep.test.failFirstAttempt";

    /** Designs per task at most: about half a second of work, so progress moves and stragglers stay short. */
    static final int DESIGNS_PER_TASK = 250;

    private final SparkSession spark;
    private final PrintWriter err;
    private final int partitions;
    private final long progressMillis;
    private final TaskTimes times = new TaskTimes();

    /**
     * @param partitions tasks per stage; 0 chooses: at least 4 per core of the cluster, at most
     *                   {@link #DESIGNS_PER_TASK} designs each
     */
    public SparkSweep(SparkSession spark, PrintWriter err, int partitions, long progressMillis) {
        this.spark = spark;
        this.err = err;
        this.partitions = partitions;
        this.progressMillis = progressMillis;
        spark.sparkContext().addSparkListener(times);
    }

    /** What a sweep gave: the state of every case, in case order, and the time per stage. */
    public record Outcome(List<CaseState> cases, List<StageTime> stages) {
        public long evaluated() {
            return cases.stream().mapToLong(CaseState::evaluated).sum();
        }
    }

    /**
     * One stage as Spark ran it: wall time, tasks, and the executors' run time summed over its tasks and
     * of its longest task (Spark's task metrics), from which a cluster's time can be estimated.
     */
    public record StageTime(int stage, long designs, int tasks, double wallSeconds, double taskSeconds,
                            double taskCpuSeconds, double longestTaskSeconds) {
    }

    public Outcome run(List<SweepCase> cases) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<List<SweepCase>> shared = jsc.broadcast(cases);
        List<CaseState> states = new ArrayList<>();
        for (SweepCase c : cases) {
            states.add(new CaseState(CaseContext.of(c)));
        }
        int stages = states.isEmpty() ? 0 : states.get(0).ctx.search.stages();
        List<StageTime> stageTimes = new ArrayList<>();
        for (int s = 0; s < stages; s++) {
            List<DesignTask> tasks = new ArrayList<>();
            for (CaseState st : states) {
                tasks.addAll(st.nextStage(s));
            }
            if (tasks.isEmpty()) {
                continue;
            }
            int slices = slices(tasks.size(), jsc.defaultParallelism());
            LongAccumulator done = jsc.sc().longAccumulator("designs done");
            String label = String.format(Locale.ROOT, "stage %d of %d (%s)", s + 1, stages, Search.stageName(s));
            times.reset();
            List<TaskOutcome> outcomes;
            double wall;
            try (StageProgress p = new StageProgress(err, label, tasks.size(), slices, done::value, progressMillis)) {
                jsc.setJobDescription("msqsim sweep " + label);
                outcomes = jsc.parallelize(tasks, slices).mapPartitions(new Evaluate(shared, done)).collect();
                wall = p.seconds();
            }
            times.awaitTasks(slices, 2000);
            for (TaskOutcome o : outcomes) {
                states.get(o.caseId()).accept(o);
            }
            stageTimes.add(new StageTime(s + 1, tasks.size(), slices, wall, times.totalSeconds(),
                    times.cpuSeconds(), times.longestSeconds()));
        }
        shared.destroy();
        return new Outcome(states, stageTimes);
    }

    /** Tasks for {@code n} designs: the fixed count when given, else ≥ 4 per core and ≤ DESIGNS_PER_TASK each. */
    int slices(int n, int cores) {
        int want = partitions > 0 ? partitions
                : Math.max(4 * Math.max(1, cores), (n + DESIGNS_PER_TASK - 1) / DESIGNS_PER_TASK);
        return Math.max(1, Math.min(n, want));
    }

    /** The executor's side: each design of a partition evaluated in its case's context. */
    private static final class Evaluate implements FlatMapFunction<Iterator<DesignTask>, TaskOutcome> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<List<SweepCase>> cases;
        private final LongAccumulator done;

        Evaluate(Broadcast<List<SweepCase>> cases, LongAccumulator done) {
            this.cases = cases;
            this.done = done;
        }

        @Override
        public Iterator<TaskOutcome> call(Iterator<DesignTask> tasks) {
            TaskContext task = TaskContext.get();
            if (Boolean.getBoolean(FAIL_FIRST_ATTEMPT) && task != null && task.partitionId() == 0
                    && task.attemptNumber() == 0) {
                throw new IllegalStateException("failure injected by -D" + FAIL_FIRST_ATTEMPT + " (a test of retries)");
            }
            List<SweepCase> all = cases.value();
            List<TaskOutcome> out = new ArrayList<>();
            CaseContext ctx = null;
            while (tasks.hasNext()) {
                DesignTask t = tasks.next();
                if (ctx == null || ctx.c.id() != t.caseId()) {
                    ctx = CaseContext.of(all.get(t.caseId()));
                }
                out.add(ctx.evaluate(t));
                done.add(1);
            }
            return out.iterator();
        }
    }

    /**
     * Spark's task metrics of the current stage: executor run time (wall) and CPU time summed over tasks,
     * and the longest task's run time. On a shared machine the CPU time is the better measure of the work.
     */
    private static final class TaskTimes extends SparkListener {
        private long totalMs;
        private long cpuNs;
        private long longestMs;
        private int ended;

        synchronized void reset() {
            totalMs = 0;
            cpuNs = 0;
            longestMs = 0;
            ended = 0;
        }

        /** Listener events arrive after the job's result: waits (a little) until {@code tasks} have ended. */
        synchronized void awaitTasks(int tasks, long millis) {
            long until = System.currentTimeMillis() + millis;
            try {
                while (ended < tasks && System.currentTimeMillis() < until) {
                    wait(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                long ms = end.taskMetrics().executorRunTime();
                totalMs += ms;
                cpuNs += end.taskMetrics().executorCpuTime();
                longestMs = Math.max(longestMs, ms);
            }
            ended++;
            notifyAll();
        }

        synchronized double totalSeconds() {
            return totalMs / 1e3;
        }

        synchronized double cpuSeconds() {
            return cpuNs / 1e9;
        }

        synchronized double longestSeconds() {
            return longestMs / 1e3;
        }
    }
}
