package org.msqsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.msqsim.cli.io.UserError;
import org.msqsim.cli.report.Json;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.cli.report.TextTable;
import org.msqsim.models.exec.WeightSource;
import org.msqsim.models.io.NpyFormatException;
import org.msqsim.models.io.NpyReader;
import org.msqsim.models.quant.MsqAssigner;
import org.msqsim.models.quant.MsqResult;
import org.msqsim.models.quant.RowReport;
import org.msqsim.models.quant.Scheme;
import org.msqsim.models.tensor.FloatMatrix;
import org.msqsim.models.weights.RowShape;
import org.msqsim.models.weights.SyntheticWeights;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code msqsim quantize}: per-row statistics and MSQ scheme assignment of one weight matrix. */
@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantize one layer's weights with mixed schemes: per row, the error under fixed-point "
                + "and SP2 at each scheme's best scale, the scheme chosen, and the whole layer's error "
                + "under MSQ, all-fixed and all-SP2 at the same bit width.",
            "Default input: a synthetic 64x576 layer (a 3x3 conv, 64 -> 64 channels) of Gaussian-, "
                + "Laplace- and uniform-like rows."})
final class QuantizeCommand implements Callable<Integer> {
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,7})x(\\d{1,7})");

    static final class Source {
        @Option(names = "--weights", paramLabel = "FILE.npy",
                description = "NumPy weights: 2-D rows x cols, or 4-D K x C x R x S lowered to K rows.")
        Path weights;

        @Option(names = "--synthetic", paramLabel = "ROWSxCOLS",
                description = "Seeded synthetic layer of this shape (default 64x576).")
        String synthetic;

        @Option(names = "--model", paramLabel = "MODEL",
                description = "A whole network, layer by layer: an ONNX file (FILE.onnx, its trained weights) or a "
                        + "built-in network (seeded synthetic weights).")
        String model;
    }

    @Option(names = "--input-shape", paramLabel = "NxCxHxW",
            description = "The input shape of an ONNX model whose input is symbolic (with --model).")
    String inputShape;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    @Option(names = "--bits", paramLabel = "W", defaultValue = "4",
            description = "Weight width in bits, 3..8 (default ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--sp2-fraction", paramLabel = "F", defaultValue = "0.5",
            description = "Fraction of rows given SP2, in [0, 1] (default ${DEFAULT-VALUE}).")
    double sp2Fraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the synthetic weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--summary", description = "Table output: totals only, no per-row lines.")
    boolean summary;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (bits < 3 || bits > 8) {
            throw new UserError("--bits must be between 3 and 8, got " + bits);
        }
        if (!(sp2Fraction >= 0 && sp2Fraction <= 1)) {
            throw new UserError("--sp2-fraction must be within [0, 1], got " + sp2Fraction);
        }
        if (source.model != null) {
            if (summary) {
                throw new UserError("--summary applies to one layer's weights; --model prints one line per layer");
            }
            ModelArg m = ModelArg.load("--model", source.model, inputShape);
            WeightSource ws = m.imported().map(i -> WeightSource.given(i.weights(), i.biases(), seed))
                    .orElse(WeightSource.synthetic(seed));
            String what = m.imported().isPresent() ? "trained weights from " + source.model
                    : "seeded synthetic weights, seed " + seed;
            String text = QuantizeNetwork.render(m.network(), ws, what, bits, sp2Fraction, format);
            spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
            return 0;
        }
        if (inputShape != null) {
            throw new UserError("--input-shape applies to --model FILE.onnx");
        }
        Input in = load();
        MsqResult res = new MsqAssigner(bits).assign(in.matrix, sp2Fraction);
        String text = switch (format) {
            case json -> Json.write(json(in, res));
            case csv -> csvTable(in, res).csv();
            case table -> table(in, res);
        };
        spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
        return 0;
    }

    private record Input(String description, FloatMatrix matrix, List<RowShape> shapes) {
    }

    private Input load() {
        if (source.weights != null) {
            Path p = source.weights;
            if (!Files.isRegularFile(p)) {
                throw new UserError(p + ": no such file");
            }
            try {
                FloatMatrix m = NpyReader.readMatrix(p);
                return new Input(p.toString(), m, null);
            } catch (NpyFormatException e) {
                throw new UserError(e.getMessage());
            }
        }
        String shape = source.synthetic == null ? "64x576" : source.synthetic;
        Matcher mt = SHAPE.matcher(shape);
        if (!mt.matches()) {
            throw new UserError("--synthetic must look like ROWSxCOLS (e.g. 64x576), got '" + shape + "'");
        }
        int rows = Integer.parseInt(mt.group(1));
        int cols = Integer.parseInt(mt.group(2));
        if (rows < 1 || cols < 1 || (long) rows * cols > 50_000_000L) {
            throw new UserError("--synthetic " + shape + ": rows and cols must be >= 1 and rows*cols <= 50,000,000");
        }
        SyntheticWeights.Result r = SyntheticWeights.generate(rows, cols, seed);
        return new Input("synthetic " + rows + "x" + cols + " (seed " + seed + ")", r.matrix(), r.shapes());
    }

    private TextTable rowTable(Input in, MsqResult res) {
        List<String> headers = new ArrayList<>(List.of("row", "scheme", "alpha", "mse_fixed", "mse_sp2",
                "sp2/fixed", "variance", "kurtosis"));
        if (in.shapes != null) {
            headers.add("generated_as");
        }
        TextTable t = new TextTable(headers.toArray(String[]::new));
        for (RowReport r : res.rows()) {
            List<Object> cells = new ArrayList<>(List.of(r.index(), r.scheme().label(), TextTable.sig(r.alpha()),
                    TextTable.sig(r.mseFixed()), TextTable.sig(r.mseSp2()), TextTable.sig(r.errorRatio()),
                    TextTable.sig(r.variance()), TextTable.sig(r.kurtosis())));
            if (in.shapes != null) {
                cells.add(in.shapes.get(r.index()).name().toLowerCase());
            }
            t.row(cells.toArray());
        }
        return t;
    }

    /** The rows at full precision with plain numbers (the table rounds to 4 significant digits). */
    private TextTable csvTable(Input in, MsqResult res) {
        List<String> headers = new ArrayList<>(List.of("row", "scheme", "alpha", "mse_fixed", "mse_sp2",
                "error_ratio", "variance", "kurtosis"));
        if (in.shapes != null) {
            headers.add("generated_as");
        }
        TextTable t = new TextTable(headers.toArray(String[]::new));
        for (RowReport r : res.rows()) {
            List<Object> cells = new ArrayList<>(List.of(r.index(), r.scheme().label(), TextTable.plain(r.alpha()),
                    TextTable.plain(r.mseFixed()), TextTable.plain(r.mseSp2()), TextTable.plain(r.errorRatio()),
                    TextTable.plain(r.variance()), TextTable.plain(r.kurtosis())));
            if (in.shapes != null) {
                cells.add(in.shapes.get(r.index()).name().toLowerCase(Locale.ROOT));
            }
            t.row(cells.toArray());
        }
        return t;
    }

    private String table(Input in, MsqResult res) {
        StringBuilder sb = new StringBuilder();
        int rows = in.matrix.rows();
        sb.append(String.format("msqsim quantize: %s, %d rows x %d cols, %d-bit weights, SP2 fraction %s%n%n",
                in.description, rows, in.matrix.cols(), bits, sp2Fraction));
        if (!summary) {
            sb.append(rowTable(in, res).render()).append('\n');
        }
        sb.append(String.format("Layer MSE (mean over rows, each row at its scheme's best alpha):%n"));
        TextTable tot = new TextTable("assignment", "mse", "vs all-fixed");
        tot.row(String.format("MSQ (%d SP2 + %d fixed rows)", res.sp2Rows(), rows - res.sp2Rows()),
                TextTable.sig(res.mseMsq()), vsAllFixed(res.mseMsq(), res.mseAllFixed()));
        tot.row("all fixed-point", TextTable.sig(res.mseAllFixed()), res.mseAllFixed() == 0 ? "-" : "1x");
        tot.row("all SP2", TextTable.sig(res.mseAllSp2()), vsAllFixed(res.mseAllSp2(), res.mseAllFixed()));
        sb.append(tot.render());
        if (res.mseAllFixed() == 0) {
            // No ratio to a zero MSE (issue 11 item 17): say why instead of printing n/a or 1x.
            sb.append(res.mseAllSp2() == 0 && res.mseMsq() == 0
                    ? String.format("every assignment is exact (MSE 0: %s), so there is no ratio to all-fixed%n",
                            res.rows().stream().allMatch(r -> r.alpha() == 0) ? "all weights are zero"
                                    : "every row is exactly representable in both schemes")
                    : String.format("all-fixed is exact (MSE 0), so there is no ratio to it%n"));
        }
        if (in.shapes != null) {
            sb.append(String.format("%nBy generated row shape (SP2 suits bell-shaped rows if its relative error is "
                    + "lower there):%n"));
            TextTable byShape = new TextTable("shape", "rows", "mean sp2/fixed", "given SP2");
            for (RowShape s : RowShape.values()) {
                List<RowReport> of = res.rows().stream().filter(r -> in.shapes.get(r.index()) == s).toList();
                if (!of.isEmpty()) {
                    byShape.row(s.name().toLowerCase(), of.size(),
                            TextTable.sig(of.stream().mapToDouble(RowReport::errorRatio).average().orElseThrow()),
                            of.stream().filter(r -> r.scheme() == Scheme.SP2).count());
                }
            }
            sb.append(byShape.render());
        }
        sb.append(String.format("%nsp2/fixed is the row's SP2 MSE over its fixed-point MSE; the %d rows with the "
                + "lowest ratio get SP2.%n", res.sp2Rows()));
        return sb.toString();
    }

    /** {@code mse} over the all-fixed MSE as "1.234x"; "-" when the all-fixed MSE is 0 (no ratio). */
    private static String vsAllFixed(double mse, double allFixed) {
        return allFixed == 0 ? "-" : TextTable.sig(mse / allFixed) + "x";
    }

    private Map<String, Object> json(Input in, MsqResult res) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("input", in.description);
        root.put("rows_count", in.matrix.rows());
        root.put("cols", in.matrix.cols());
        root.put("bits", bits);
        root.put("sp2_fraction", sp2Fraction);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RowReport r : res.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", r.index());
            m.put("scheme", r.scheme().label());
            m.put("alpha", Json.num(r.alpha()));
            m.put("alpha_fixed", Json.num(r.alphaFixed()));
            m.put("alpha_sp2", Json.num(r.alphaSp2()));
            m.put("mse_fixed", Json.num(r.mseFixed()));
            m.put("mse_sp2", Json.num(r.mseSp2()));
            m.put("error_ratio", Json.num(r.errorRatio()));
            m.put("variance", Json.num(r.variance()));
            m.put("kurtosis", Json.num(r.kurtosis()));
            if (in.shapes != null) {
                m.put("generated_as", in.shapes.get(r.index()).name().toLowerCase());
            }
            rows.add(m);
        }
        root.put("rows", rows);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("sp2_rows", res.sp2Rows());
        totals.put("fixed_rows", in.matrix.rows() - res.sp2Rows());
        totals.put("mse_msq", res.mseMsq());
        totals.put("mse_all_fixed", res.mseAllFixed());
        totals.put("mse_all_sp2", res.mseAllSp2());
        root.put("totals", totals);
        return root;
    }
}
