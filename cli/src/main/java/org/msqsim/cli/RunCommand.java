package org.msqsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.msqsim.cli.io.AtomicFiles;
import org.msqsim.cli.io.Progress;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.plot.Plots;
import org.msqsim.cli.plot.RunPlots;
import org.msqsim.cli.report.NetworkReport;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.cli.report.RunOutcome;
import org.msqsim.cli.report.RunReport;
import org.msqsim.cli.report.ScaleSimReport;
import org.msqsim.core.resource.CostModel;
import org.msqsim.core.resource.FitReport;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.core.spec.InvalidSpecException;
import org.msqsim.core.trace.ChromeTrace;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.exec.BitExactHeap;
import org.msqsim.models.exec.InfeasibleException;
import org.msqsim.models.exec.LayerRun;
import org.msqsim.models.exec.LayerRunner;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.exec.NetworkRun;
import org.msqsim.models.exec.NetworkRunner;
import org.msqsim.models.exec.WeightLayout;
import org.msqsim.models.exec.WeightSource;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.LayerParser;
import org.msqsim.models.scalesim.ScaleSimRun;
import org.msqsim.models.scalesim.ScaleSimTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code msqsim run}: a network or one layer on one board — timing, resources and a bit-exact check —
 * or SCALE-Sim's own inputs in its compatibility mode. Parses the flags, runs, and prints the report.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a network (default resnet18) or one layer on a board's MSQ accelerator (default "
                + "zc706), cycle by cycle and bit-exactly: latency, throughput, per-core utilisation, DDR traffic, "
                + "stalls, resources, and whether every output matches the golden integer reference."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--board", paramLabel = "NAME|FILE", defaultValue = "zc706",
            description = "Built-in board id (see 'msqsim boards') or a board YAML file (default ${DEFAULT-VALUE}).")
    String board;

    @Mixin
    DesignOptions designOptions;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "A built-in network (see 'msqsim models') or an ONNX file (FILE.onnx, run on its trained "
                    + "weights); default resnet18 unless --layer is given.")
    String model;

    @Option(names = "--input-shape", paramLabel = "NxCxHxW",
            description = "The input shape of an ONNX model whose input is symbolic, e.g. 1x3x224x224.")
    String inputShape;

    @Option(names = "--layer", paramLabel = "LAYER",
            description = {"One layer instead of a network, a layer that is one GEMM:",
                "gemm:MxNxK[,bias][,relu|,relu6] (C[MxN] = W[MxK] X[KxN]),",
                "dense:IN->OUT[,bias][,relu|,relu6] (fully connected, e.g. dense:400->120) or",
                "conv:HxWxC->K,RxS[,sS][,pP][,bias][,relu|,relu6] (stride 1 and pad 0 by default; e.g.",
                "conv:56x56x64->64,3x3,s1,p1, a ResNet-18 conv2_x layer)."})
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

    @Option(names = "--weights-layout", paramLabel = "LAYOUT", defaultValue = "pytorch",
            description = {"How --weights files are laid out: pytorch (conv K x C x R x S, dense out x in; default) or "
                + "keras (conv kernels HWIO R x S x C x K, depthwise R x S x C x 1, dense in x out). Either layout also "
                + "reads DIR/<layer>.bias.npy (one value per output) and DIR/<layer>.bn.npy (4 x K: batch-norm gamma, "
                + "beta, mean, variance, folded into the weights and bias) where present."})
    String weightsLayout;

    @Option(names = "--bn-epsilon", paramLabel = "E",
            description = "The epsilon of folded batch norms (default: 1e-5 for pytorch, 1e-3 for keras, each "
                    + "framework's own default).")
    Double bnEpsilon;

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

    @Spec
    CommandSpec spec;

    private Optional<org.msqsim.models.onnx.ImportedNetwork> imported = Optional.empty();

    /** The flags SCALE-Sim mode does not use (it takes only its two files, --scalesim-gemm and --format). */
    private static final List<String> SCALE_SIM_UNUSED = List.of("--board", "--model", "--layer", "--sp2-fraction",
            "--bits", "--seed", "--weights", "--timing-only", "--trace", "--plot", "--design", "--clock-mhz",
            "--input-shape", "--weights-layout", "--bn-epsilon");

    @Override
    public Integer call() {
        if (scaleSimCfg != null || scaleSimTopology != null) {
            List<String> unused = SCALE_SIM_UNUSED.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption)
                    .toList();
            if (!unused.isEmpty()) {
                throw new UserError(String.join(", ", unused) + (unused.size() == 1 ? " is" : " are")
                        + " not used in SCALE-Sim mode (it takes the array from --scalesim-cfg and reports compute "
                        + "cycles only; it takes --format)");
            }
            return scaleSim();
        }
        if (scaleSimGemm) {
            throw new UserError("--scalesim-gemm applies to SCALE-Sim mode only (with --scalesim-cfg and "
                    + "--scalesim-topology)");
        }
        if (model != null && layerText != null) {
            throw new UserError("give either --model or --layer, not both");
        }
        if (weightsDir != null && layerText != null) {
            throw new UserError("--weights applies to networks (--model), not to --layer");
        }
        if (weightsDir != null && timingOnly) {
            // Timing does not depend on the weights' values; checking them would read every file for nothing.
            throw new UserError("--weights " + weightsDir + " is not used with --timing-only (the timing does not "
                    + "depend on the weights' values): drop one of them");
        }
        if (weightsDir == null && (bnEpsilon != null || spec.commandLine().getParseResult()
                .hasMatchedOption("--weights-layout"))) {
            throw new UserError("--weights-layout and --bn-epsilon apply to --weights DIR only");
        }
        if (weightsDir != null && ModelArg.isOnnx(model)) {
            throw new UserError("--weights is not used with an ONNX model (its weights come from the file)");
        }
        if (inputShape != null && layerText != null) {
            throw new UserError("--input-shape applies to ONNX models (--model FILE.onnx), not to --layer");
        }
        Network net = null;
        Layer layer = null;
        imported = Optional.empty();
        if (layerText != null) {
            try {
                layer = LayerParser.parseGemm(layerText);
            } catch (IllegalArgumentException e) {
                throw new UserError("--layer: " + e.getMessage());
            }
        } else {
            ModelArg m = ModelArg.load("--model", model == null ? "resnet18" : model, inputShape);
            net = m.network();
            imported = m.imported();
        }
        StringBuilder notes = new StringBuilder();
        BoardSpec b = designOptions.apply(DesignArgs.board(board), notes);
        AcceleratorSpec acc = DesignArgs.atBits(b.accelerator(), bits, notes);
        if (bits != null) {
            acc = DesignArgs.fittedAtBits(acc, b.device(), notes);
        }
        double f = sp2Fraction == null ? MsqBalance.defaultFraction(acc) : sp2Fraction;
        if (!(f >= 0 && f <= 1)) {
            throw new UserError("--sp2-fraction must be within [0, 1], got " + sp2Fraction);
        }
        Optional<String> missing = MsqBalance.missingCore(acc, f);
        if (missing.isPresent()) {
            throw new UserError("--sp2-fraction " + f + " needs " + missing.get() + ", and " + b.id()
                    + "'s design has none");
        }
        FitReport fit = CostModel.defaults().fit(acc, b.device());
        if (!fit.fits()) {
            throw new UserError(b.id() + ": the design does not fit " + b.device().part() + ": "
                    + String.join("; ", fit.overSubscribed()));
        }
        if (traceFile != null) {
            AtomicFiles.checkTarget("--trace", traceFile);
        }
        if (plotDir != null) {
            Plots.prepareDir(plotDir);
        }
        String what = net != null ? net.name() : layer.describe();
        RunOutcome report;
        try (ChromeTrace chrome = traceFile == null ? null : spool(what, b)) {
            TraceSink sink = chrome == null ? TraceSink.NONE : chrome;
            try {
                report = net != null ? runNetwork(b, acc, net, f, sink, fit, notes.toString())
                        : runLayer(b, acc, layer, f, sink, fit, notes.toString());
            } catch (InfeasibleException e) {
                throw new UserError(e.getMessage());
            } catch (OutOfMemoryError e) {
                throw new UserError(outOfMemory(Runtime.getRuntime().maxMemory(), timingOnly));
            }
            if (chrome != null) {
                try {
                    AtomicFiles.write(traceFile, chrome::writeTo);
                } catch (IOException e) {
                    throw new UserError("--trace " + traceFile + ": cannot write (" + AtomicFiles.reason(e) + ")");
                }
            }
        } catch (IOException e) {
            throw new UserError("--trace " + traceFile + ": cannot remove the temporary events file ("
                    + AtomicFiles.reason(e) + ")");
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
        return new RunReport(b, acc, run, fit, notes, seed);
    }

    private RunOutcome runNetwork(BoardSpec b, AcceleratorSpec acc, Network net, double f, TraceSink sink,
                                  FitReport fit, String notes) {
        if (!timingOnly) {
            checkHeap(net);
        }
        WeightSource ws = imported.isPresent()
                ? WeightSource.given(imported.get().weights(), imported.get().biases(), seed)
                : weightsDir == null ? WeightSource.synthetic(seed) : directory();
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
        return new NetworkReport(b, acc, run, fit, notes, seed, weightsDir);
    }

    private WeightSource directory() {
        WeightLayout layout = switch (weightsLayout) {
            case "pytorch" -> WeightLayout.PYTORCH;
            case "keras" -> WeightLayout.KERAS;
            default -> throw new UserError("--weights-layout must be pytorch or keras, got " + weightsLayout);
        };
        double eps = bnEpsilon != null ? bnEpsilon : layout == WeightLayout.KERAS ? 1e-3 : 1e-5;
        if (!(eps > 0 && eps < 1)) {
            throw new UserError("--bn-epsilon must be within (0, 1), got " + bnEpsilon);
        }
        return WeightSource.directory(weightsDir, seed, layout, eps);
    }

    /** Refuses a bit-exact run whose largest layer cannot fit the heap ({@link BitExactHeap}). */
    private static void checkHeap(Network net) {
        checkHeap(net, Runtime.getRuntime().maxMemory());
    }

    /** {@link #checkHeap(Network)} with a heap of {@code max} bytes; the message states the rule applied. */
    static void checkHeap(Network net, long max) {
        BitExactHeap need = BitExactHeap.of(net);
        if (!need.fits(max)) {
            throw new UserError(String.format("a bit-exact run of %s needs about %,d MB of heap for layer %s's %,d "
                    + "weights, more than the %,d MB it may take (%d %% of the %,d MB heap; the rest is for everything "
                    + "else); use --timing-only or set MSQSIM_JAVA_OPTS=-Xmx%dg", net.name(), need.bytes() >> 20,
                    need.layer(), need.weights(), need.usableBytes(max) >> 20, BitExactHeap.SHARE_PERCENT, max >> 20,
                    need.suggestedGib()));
        }
    }

    /** The message of a run that ran out of memory; suggests --timing-only only when it is not on. */
    static String outOfMemory(long max, boolean timingOnly) {
        return "out of memory (" + (max >> 20) + " MB heap); " + (timingOnly ? "" : "use --timing-only or ")
                + "set a larger heap, e.g. MSQSIM_JAVA_OPTS=-Xmx" + Math.max(4, 2 * ((max >> 30) + 1)) + "g";
    }

    /** A trace that streams its events to a hidden temporary file beside the trace file (removed after). */
    private ChromeTrace spool(String what, BoardSpec b) {
        Path dir = traceFile.toAbsolutePath().getParent();
        try {
            Path events = Files.createTempFile(dir, "." + traceFile.getFileName(), ".events.tmp");
            events.toFile().deleteOnExit(); // also when the run is interrupted (Ctrl-C, SIGTERM)
            return ChromeTrace.spooled("msqsim " + what + " on " + b.id(), events);
        } catch (IOException e) {
            throw new UserError("--trace " + traceFile + ": cannot create a file in " + dir + " ("
                    + AtomicFiles.reason(e) + ")");
        }
    }

    private int scaleSim() {
        if (scaleSimCfg == null || scaleSimTopology == null) {
            throw new UserError("SCALE-Sim mode needs both --scalesim-cfg and --scalesim-topology");
        }
        ScaleSimReport r;
        try {
            r = new ScaleSimReport(ScaleSimRun.read(scaleSimCfg, scaleSimTopology,
                    scaleSimGemm ? ScaleSimTopology.Form.GEMM : ScaleSimTopology.Form.CONV));
        } catch (InvalidSpecException e) {
            throw new UserError(String.join("\nmsqsim: ", e.problems()));
        }
        spec.commandLine().getOut().print(r.render(format));
        return 0;
    }
}
