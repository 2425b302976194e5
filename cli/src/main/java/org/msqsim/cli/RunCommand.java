package org.msqsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;
import org.msqsim.core.trace.ChromeTrace;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.InfeasibleException;
import org.msqsim.models.exec.LayerRun;
import org.msqsim.models.exec.LayerRunner;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.exec.WeightSource;
import org.msqsim.models.graph.Network;
import org.msqsim.models.zoo.ModelZoo;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.LayerParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msqsim run}: one layer on one board — timing, resources and a bit-exact check. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a network (default resnet18) or one layer on a board's MSQ accelerator (default "
                + "zc706), cycle by cycle and bit-exactly: latency, throughput, per-core utilisation, DDR traffic, "
                + "stalls, resources, and whether every output matches the golden integer reference."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--board", paramLabel = "NAME|FILE", defaultValue = "zc706",
            description = "Built-in board id (see 'msqsim boards') or a board YAML file (default ${DEFAULT-VALUE}).")
    String board;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "A built-in network (see 'msqsim models'); default resnet18 unless --layer is given.")
    String model;

    @Option(names = "--layer", paramLabel = "LAYER",
            description = {"One layer instead of a network: gemm:MxNxK (C[MxN] = W[MxK] X[KxN]) or",
                "conv:HxWxC->K,RxS,sS,pP (e.g. conv:56x56x64->64,3x3,s1,p1, a ResNet-18 conv2_x layer)."})
    String layerText;

    @Option(names = "--sp2-fraction", paramLabel = "F",
            description = "Fraction of weight rows given SP2 (LUT core), in [0, 1]; default: the design's balance "
                    + "point, LUT peak / (LUT + DSP peak).")
    Double sp2Fraction;

    @Option(names = "--bits", paramLabel = "W", description = "Weight and activation width, 3..8 (default: the "
            + "board design's).")
    Integer bits;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of weights and inputs "
            + "(default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--weights", paramLabel = "DIR",
            description = "Real weights for --model: one NumPy file per layer, DIR/<layer name>.npy (see "
                    + "'msqsim models MODEL' for names); default seeded synthetic weights.")
    Path weightsDir;

    @Option(names = "--timing-only", description = "Skip the values: timing and resources only (much faster).")
    boolean timingOnly;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write a Chrome/Perfetto trace-event timeline (open in ui.perfetto.dev).")
    Path traceFile;

    @Option(names = "--plot", paramLabel = "DIR",
            description = {"Write PNG charts into DIR (created if missing): run-latency.png, each layer's latency as "
                + "compute / memory / imbalance (they add up to the layer's latency), and run-utilisation.png, each "
                + "core's utilisation per layer."})
    Path plotDir;

    @Option(names = "--scalesim-cfg", paramLabel = "FILE",
            description = "SCALE-Sim v2 .cfg: run in SCALE-Sim compatibility mode (with --scalesim-topology).")
    Path scaleSimCfg;

    @Option(names = "--scalesim-topology", paramLabel = "FILE",
            description = "SCALE-Sim v2 topology CSV (convolution form, or GEMM form with --scalesim-gemm).")
    Path scaleSimTopology;

    @Option(names = "--scalesim-gemm", description = "The SCALE-Sim topology is in GEMM form (M, N, K rows).")
    boolean scaleSimGemm;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (scaleSimCfg != null || scaleSimTopology != null) {
            if (plotDir != null) {
                throw new UserError("--plot is not available in SCALE-Sim mode (it reports compute cycles only)");
            }
            return scaleSim();
        }
        if (model != null && layerText != null) {
            throw new UserError("give either --model or --layer, not both");
        }
        if (weightsDir != null && layerText != null) {
            throw new UserError("--weights applies to networks (--model), not to --layer");
        }
        Network net = null;
        Layer layer = null;
        if (layerText != null) {
            try {
                layer = LayerParser.parse(layerText);
            } catch (IllegalArgumentException e) {
                throw new UserError("--layer: " + e.getMessage());
            }
        } else {
            try {
                net = ModelZoo.get(model == null ? "resnet18" : model);
            } catch (IllegalArgumentException e) {
                throw new UserError("--model: " + e.getMessage());
            }
        }
        BoardSpec b = loadBoard(board);
        StringBuilder notes = new StringBuilder();
        AcceleratorSpec acc = bits == null ? b.accelerator() : withBits(b.accelerator(), bits, notes);
        double f = sp2Fraction == null ? MsqBalance.balancedFraction(acc) : sp2Fraction;
        if (!(f >= 0 && f <= 1)) {
            throw new UserError("--sp2-fraction must be within [0, 1], got " + sp2Fraction);
        }
        if (f > 0 && acc.lutCore().isEmpty() || f < 1 && acc.dspCore().isEmpty()) {
            throw new UserError("--sp2-fraction " + f + " needs " + (f > 0 ? "a LUT core" : "a DSP core") + ", and "
                    + b.id() + "'s design has none");
        }
        if (traceFile != null) {
            Path dir = traceFile.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new UserError("--trace " + traceFile + ": directory " + dir + " does not exist");
            }
        }
        FitReport fit = CostModel.defaults().fit(acc, b.device());
        if (!fit.fits()) {
            throw new UserError(b.id() + ": the design does not fit " + b.device().part() + ": "
                    + String.join("; ", fit.overSubscribed()));
        }
        if (plotDir != null) {
            Plots.prepareDir(plotDir);
        }
        String what = net != null ? net.name() : layer.describe();
        ChromeTrace chrome = traceFile == null ? null : new ChromeTrace("msqsim " + what + " on " + b.id());
        TraceSink sink = chrome == null ? TraceSink.NONE : chrome;
        RunOutcome report;
        try {
            report = net != null ? runNetwork(b, acc, net, f, sink, fit, notes.toString())
                    : runLayer(b, acc, layer, f, sink, fit, notes.toString());
        } catch (InfeasibleException e) {
            throw new UserError(e.getMessage());
        }
        if (chrome != null) {
            try {
                chrome.write(traceFile);
            } catch (IOException e) {
                throw new UserError("--trace " + traceFile + ": cannot write: " + e.getMessage());
            }
        }
        String text = report.render(format);
        if (plotDir != null) {
            List<Path> files = RunPlots.write(plotDir, report.subtitle(), report.breakdown());
            spec.commandLine().getErr().println("msqsim run: wrote " + String.join(", ",
                    files.stream().map(Path::toString).toList()));
        }
        spec.commandLine().getOut().print(text);
        return 0;
    }

    private RunOutcome runLayer(BoardSpec b, AcceleratorSpec acc, Layer layer, double f, TraceSink sink,
                                FitReport fit, String notes) {
        LayerRun run = new LayerRunner(acc, b.device().family().dsp())
                .run(layer, new LayerRunner.Options(f, seed, timingOnly, sink));
        return new RunReport(b, acc, run, fit, notes);
    }

    private RunOutcome runNetwork(BoardSpec b, AcceleratorSpec acc, Network net, double f, TraceSink sink,
                                  FitReport fit, String notes) {
        if (!timingOnly) {
            checkHeap(net);
        }
        WeightSource ws = weightsDir == null ? WeightSource.synthetic(seed) : WeightSource.directory(weightsDir, seed);
        if (!timingOnly) {
            List<String> problems = ws.check(net);
            if (!problems.isEmpty()) {
                throw new UserError("--weights: " + String.join("\nmsqsim: --weights: ", problems));
            }
        }
        NetworkRun run;
        try (Progress progress = new Progress("simulating " + net.name(), net.nodes().size())) {
            run = new NetworkRunner(acc, b.device().family().dsp())
                    .run(net, new NetworkRunner.Options(f, seed, timingOnly, sink, progress, ws));
        }
        return new NetworkReport(b, acc, run, fit, notes);
    }

    /**
     * Refuses a bit-exact run whose largest layer cannot fit the heap: the real weights, both schemes'
     * codes and the integers the cores read take about 16 bytes per weight (measured on VGG-16's
     * 4096×25088 classifier, which needs about 1.6 GB).
     */
    private static void checkHeap(Network net) {
        long biggest = 0;
        String which = "";
        for (var node : net.nodes()) {
            if (node.layer() instanceof org.msqsim.models.layer.GemmLayer g) {
                long w = (long) g.gemmM() * g.groups() * g.gemmK();
                if (w > biggest) {
                    biggest = w;
                    which = g.name();
                }
            }
        }
        long need = 16 * biggest;
        long max = Runtime.getRuntime().maxMemory();
        if (need > max * 0.8) {
            throw new UserError(String.format("a bit-exact run of %s needs about %,d MB of heap for layer %s's %,d "
                    + "weights, more than the %,d MB available; use --timing-only or set MSQSIM_JAVA_OPTS=-Xmx%dg",
                    net.name(), need >> 20, which, biggest, max >> 20, Math.max(2, (need * 2 >> 30) + 1)));
        }
    }

    private int scaleSim() {
        if (scaleSimCfg == null || scaleSimTopology == null) {
            throw new UserError("SCALE-Sim mode needs both --scalesim-cfg and --scalesim-topology");
        }
        ScaleSimReport r = ScaleSimReport.load(scaleSimCfg, scaleSimTopology, scaleSimGemm);
        spec.commandLine().getOut().print(r.render(format));
        return 0;
    }

    static BoardSpec loadBoard(String idOrPath) {
        try {
            return BoardCatalog.get(idOrPath);
        } catch (InvalidSpecException e) {
            throw new UserError(String.join("\nmsqsim: ", e.problems()));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The design at another operand width. A DSP core packing 4 products needs operands of at most 4
     * bits and packing 2 at most 8 (FINN {@code mvu_4sx4u} / {@code mvu_8sx8u_dsp48}); a wider width
     * lowers the packing to what the DSP can do, and the report says so.
     */
    static AcceleratorSpec withBits(AcceleratorSpec a, int bits, StringBuilder notes) {
        if (bits < 3 || bits > 8) {
            throw new UserError("--bits must be between 3 and 8, got " + bits);
        }
        // Products grow by 2 bits per operand bit, so the accumulators keep the design's headroom by
        // growing as much (never shrinking): a wider width must not turn into silent wrap-around.
        int grow = Math.max(0, 2 * (bits - a.weightBits()));
        var dsp = a.dspCore().map(c -> {
            int packing = c.packing() == 4 && bits > 4 ? 2 : c.packing();
            if (packing != c.packing()) {
                notes.append("DSP packing lowered from ").append(c.packing()).append(" to ").append(packing)
                        .append(" products per DSP for ").append(bits).append("-bit operands.\n");
            }
            return new PeArraySpec(c.name(), MacKind.DSP, c.dataflow(), c.rows(), c.cols(), packing, c.clockHz(),
                    Math.min(48, c.accumulatorBits() + grow));
        });
        var lut = a.lutCore().map(c -> new PeArraySpec(c.name(), c.mac(), c.dataflow(), c.rows(), c.cols(),
                c.packing(), c.clockHz(), Math.min(48, c.accumulatorBits() + grow)));
        if (grow > 0) {
            notes.append("accumulators widened by ").append(grow).append(" bits for ").append(bits)
                    .append("-bit operands (the design's are sized for ").append(a.weightBits()).append(" bits).\n");
        }
        return new AcceleratorSpec(a.name(), dsp, lut, a.inputBuffer(), a.weightBuffer(), a.outputBuffer(),
                a.ddr(), a.controlClockHz(), bits, bits);
    }

    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }
}
