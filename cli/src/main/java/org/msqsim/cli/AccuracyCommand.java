package org.msqsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.Json;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.cli.report.TextTable;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BoardSpec;
import org.msqsim.models.exec.AccuracyRunner;
import org.msqsim.models.exec.AccuracyView;
import org.msqsim.models.exec.MsqBalance;
import org.msqsim.models.exec.WeightSource;
import org.msqsim.models.io.InputTensor;
import org.msqsim.models.layer.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code msqsim accuracy}: what MSQ, all fixed-point and all SP2 cost a network against its float self. */
@Command(name = "accuracy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The accuracy view of a network: per layer and at its output, the quantized network's "
                + "signal-to-quantization-noise ratio (dB) against float on the same input, and for classifiers "
                + "the top-1 agreement with float over N inputs; for MSQ at the design's SP2 fraction, all "
                + "fixed-point and all SP2, at each width of --bits."})
final class AccuracyCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "MODEL", required = true,
            description = "An ONNX file (FILE.onnx, on its trained weights) or a built-in network (seeded weights).")
    String model;

    @Option(names = "--input-shape", paramLabel = "NxCxHxW",
            description = "The input shape of an ONNX model whose input is symbolic, e.g. 1x3x48x192.")
    String inputShape;

    @Option(names = "--board", paramLabel = "NAME|FILE", defaultValue = "zc706",
            description = "The board whose design's balance point is MSQ's SP2 fraction (default ${DEFAULT-VALUE}).")
    String board;

    @Option(names = "--sp2-fraction", paramLabel = "F", description = "MSQ's SP2 fraction instead of the design's.")
    Double sp2Fraction;

    @Option(names = "--bits", paramLabel = "W", split = ",", defaultValue = "4,8",
            description = "Widths of weights and activations, 3..8 (default ${DEFAULT-VALUE}).")
    List<Integer> bits;

    @Option(names = "--input", paramLabel = "FILE",
            description = "The first input: a .npy tensor of the input's size, or a PNG/JPEG image resized and "
                    + "normalised (--mean, --std, --scale, --bgr); default seeded values uniform in [-1, 1].")
    Path input;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "255",
            description = "An image's pixels are divided by S first (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--mean", paramLabel = "M", split = ",", defaultValue = "0.5",
            description = "Per-channel mean subtracted after scaling (one value or one per channel; default "
                    + "${DEFAULT-VALUE}).")
    double[] mean;

    @Option(names = "--std", paramLabel = "S", split = ",", defaultValue = "0.5",
            description = "Per-channel standard deviation divided by (default ${DEFAULT-VALUE}).")
    double[] std;

    @Option(names = "--bgr", description = "Feed an image's channels in BGR order (default RGB).")
    boolean bgr;

    @Option(names = "--inputs", paramLabel = "N", defaultValue = "1",
            description = "Inputs for the output SQNR and top-1 agreement: the first (--input or seeded), then "
                    + "seeded ones (default ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of inputs and synthetic "
            + "weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (inputs < 1 || inputs > 100_000) {
            throw new UserError("--inputs must be between 1 and 100000, got " + inputs);
        }
        for (int b : bits) {
            if (b < 3 || b > 8) {
                throw new UserError("--bits must be within 3..8, got " + b);
            }
        }
        if (sp2Fraction != null && !(sp2Fraction >= 0 && sp2Fraction <= 1)) {
            throw new UserError("--sp2-fraction must be within [0, 1], got " + sp2Fraction);
        }
        ModelArg m = ModelArg.load("--model", model, inputShape);
        BoardSpec b = DesignArgs.board(board);
        List<AccuracyRunner.Setting> settings = new ArrayList<>();
        for (int w : bits) {
            AcceleratorSpec acc = DesignArgs.atBits(b.accelerator(), w, new StringBuilder());
            double f = sp2Fraction == null ? MsqBalance.defaultFraction(acc) : sp2Fraction;
            settings.add(new AccuracyRunner.Setting(String.format(Locale.ROOT, "MSQ %.3f @%d", f, w), f, w));
            settings.add(new AccuracyRunner.Setting("fixed @" + w, 0, w));
            settings.add(new AccuracyRunner.Setting("SP2 @" + w, 1, w));
        }
        WeightSource ws = m.imported().map(i -> WeightSource.given(i.weights(), i.biases(), seed))
                .orElse(WeightSource.synthetic(seed));
        Shape shape = m.network().input();
        double[] first;
        try {
            first = input == null ? InputTensor.seeded(shape, seed)
                    : InputTensor.read(input, shape, new InputTensor.Normalisation(scale, mean, std, bgr));
        } catch (IllegalArgumentException e) {
            throw new UserError("--input " + e.getMessage());
        }
        IntFunction<double[]> source = i -> i == 0 ? first : InputTensor.seeded(shape, seed + i);
        AccuracyView v = AccuracyView.measure(m.network(), ws, settings, source, inputs);
        String text = render(v);
        spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
        return 0;
    }

    private String render(AccuracyView v) {
        List<String> head = new ArrayList<>(List.of("layer", "kind"));
        v.settings().forEach(s -> head.add(s.label()));
        TextTable t = new TextTable(head.toArray(new String[0]));
        for (AccuracyView.LayerRow r : v.layers()) {
            List<Object> cells = new ArrayList<>(List.of(r.name(), r.kind()));
            for (double d : r.sqnrDb()) {
                cells.add(format == OutputFormat.table ? db(d) : d);
            }
            t.row(cells.toArray());
        }
        if (format == OutputFormat.json) {
            List<Map<String, Object>> layers = new ArrayList<>();
            for (AccuracyView.LayerRow r : v.layers()) {
                layers.add(Json.obj("name", r.name(), "kind", r.kind(), "sqnr_db", perSetting(v, r.sqnrDb())));
            }
            return Json.write(Json.obj("model", v.network().name(), "inputs", v.inputs(), "classifier", v.classifier(),
                    "settings", v.settings().stream().map(s -> Json.obj("label", s.label(), "sp2_fraction",
                            s.sp2Fraction(), "bits", s.bits())).toList(),
                    "output_sqnr_db", perSetting(v, v.outputSqnrDb()),
                    "top1_agreement", v.classifier() ? perSetting(v, v.top1Agreement()) : null,
                    "per_layer", layers));
        }
        if (format == OutputFormat.csv) {
            return t.csv();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("msqsim accuracy: ").append(v.network().name()).append(" (").append(v.network().description())
                .append("), SQNR in dB against float; per layer on input 0, output over ").append(v.inputs())
                .append(v.inputs() == 1 ? " input" : " inputs").append("\n\n").append(t.render()).append('\n');
        List<String> h2 = new ArrayList<>(List.of("at the output"));
        v.settings().forEach(s -> h2.add(s.label()));
        TextTable t2 = new TextTable(h2.toArray(new String[0]));
        List<Object> o = new ArrayList<>(List.of("mean SQNR (dB)"));
        for (double d : v.outputSqnrDb()) {
            o.add(db(d));
        }
        t2.row(o.toArray());
        if (v.classifier()) {
            List<Object> a = new ArrayList<>(List.of("top-1 agreement"));
            for (double d : v.top1Agreement()) {
                a.add(String.format(Locale.ROOT, "%.1f %%", 100 * d));
            }
            t2.row(a.toArray());
        }
        sb.append(t2.render());
        return sb.toString();
    }

    private static Map<String, Object> perSetting(AccuracyView v, double[] values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(v.settings().get(i).label(), Double.isFinite(values[i]) ? Json.num(values[i]) : null);
        }
        return m;
    }

    private static String db(double d) {
        return Double.isInfinite(d) ? (d > 0 ? "exact" : "-inf") : String.format(Locale.ROOT, "%.1f", d);
    }
}
