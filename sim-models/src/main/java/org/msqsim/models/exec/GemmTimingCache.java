package org.msqsim.models.exec;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.msqsim.core.mapping.ConvWindow;
import org.msqsim.core.mapping.OutputStage;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.lower.GemmWork;

/**
 * The accelerator runs of one timing-only network run, by GEMM. Each GEMM is simulated from an idle
 * accelerator (layers run one after another, no overlap), so its run depends on the GEMM and the
 * design only, and ResNet-18's repeated blocks and a grouped layer's identical groups are simulated
 * once per network run. Not for traced runs, which need every run's events.
 */
final class GemmTimingCache {
    /**
     * What a timing-only GEMM puts on the accelerator: rows, rows on the LUT core, K, N, its input's
     * window and its output stage.
     */
    private record Key(int m, int lutRows, int k, int n, Optional<ConvWindow> window, OutputStage stage) {
    }

    private final GemmExecutor exec;
    private final Map<Key, AcceleratorRun> runs = new HashMap<>();

    GemmTimingCache(GemmExecutor exec) {
        this.exec = exec;
    }

    AcceleratorRun run(GemmWork w) {
        return runs.computeIfAbsent(new Key(w.m(), w.lutRows(), w.k(), w.n(), w.window(), w.stage()),
                key -> exec.timing(w.layer().describe(), w.m(), key.lutRows(), w.k(), w.n(), w.window(), w.stage(),
                        false, TraceSink.NONE).run());
    }
}
