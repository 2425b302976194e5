package org.msqsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msqsim.cli.report.Json;
import org.msqsim.cli.report.OutputFormat;
import org.msqsim.cli.report.TextTable;
import org.msqsim.models.exec.WeightSource;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.quant.MsqAssigner;
import org.msqsim.models.quant.MsqResult;

/**
 * {@code msqsim quantize --model}: every GEMM layer of a network quantized as {@code quantize} does one
 * layer — the layer's MSE under MSQ, all fixed-point and all SP2 at each scheme's best scale — and the
 * network's totals (sums over layers of each layer's MSE times its weight count, over the weights).
 */
final class QuantizeNetwork {
    private QuantizeNetwork() {
    }

    /** One layer's outcome. */
    private record Row(GemmLayer layer, MsqResult result) {
        long weights() {
            return layer.weightCount();
        }
    }

    static String render(Network net, WeightSource ws, String what, int bits, double fraction, OutputFormat format) {
        List<Row> rows = new ArrayList<>();
        MsqAssigner a = new MsqAssigner(bits);
        for (Node n : net.nodes()) {
            if (n.layer() instanceof GemmLayer g) {
                rows.add(new Row(g, a.assign(ws.weights(g), fraction)));
            }
        }
        double[] tot = new double[3];
        long weights = 0;
        for (Row r : rows) {
            tot[0] += r.result().mseMsq() * r.weights();
            tot[1] += r.result().mseAllFixed() * r.weights();
            tot[2] += r.result().mseAllSp2() * r.weights();
            weights += r.weights();
        }
        for (int i = 0; i < 3; i++) {
            tot[i] /= Math.max(1, weights);
        }
        TextTable t = new TextTable("layer", "kind", "rows", "cols", "sp2_rows", "mse_msq", "mse_fixed", "mse_sp2",
                "msq/fixed", "sp2/fixed");
        boolean plain = format != OutputFormat.table;
        for (Row r : rows) {
            MsqResult m = r.result();
            t.row(r.layer().name(), r.layer().kind().label(), r.layer().gemmM() * r.layer().groups(),
                    r.layer().gemmK(), m.sp2Rows(), num(m.mseMsq(), plain), num(m.mseAllFixed(), plain),
                    num(m.mseAllSp2(), plain), ratio(m.mseMsq(), m.mseAllFixed(), plain),
                    ratio(m.mseAllSp2(), m.mseAllFixed(), plain));
        }
        t.row("total (" + rows.size() + " layers, " + String.format(java.util.Locale.ROOT, "%,d", weights)
                + " weights)", "", "", "", "", num(tot[0], plain), num(tot[1], plain),
                num(tot[2], plain), ratio(tot[0], tot[1], plain), ratio(tot[2], tot[1], plain));
        return switch (format) {
            case csv -> t.csv();
            case json -> {
                List<Map<String, Object>> layers = new ArrayList<>();
                for (Row r : rows) {
                    MsqResult m = r.result();
                    layers.add(Json.obj("name", r.layer().name(), "kind", r.layer().kind().label(), "rows",
                            r.layer().gemmM() * r.layer().groups(), "cols", r.layer().gemmK(), "sp2_rows", m.sp2Rows(),
                            "mse_msq", Json.num(m.mseMsq()), "mse_all_fixed", Json.num(m.mseAllFixed()), "mse_all_sp2",
                            Json.num(m.mseAllSp2())));
                }
                yield Json.write(Json.obj("model", net.name(), "bits", bits, "sp2_fraction", fraction, "layers",
                        layers, "totals", Json.obj("weights", weights, "mse_msq", Json.num(tot[0]), "mse_all_fixed",
                                Json.num(tot[1]), "mse_all_sp2", Json.num(tot[2]))));
            }
            case table -> "msqsim quantize: " + net.name() + " (" + what + "), " + rows.size() + " GEMM layers, "
                    + bits + "-bit weights, SP2 fraction " + fraction + "\n\n" + t.render()
                    + "\nmse_* is each layer's mean squared weight error, every row at its scheme's best alpha; the "
                    + "total weights each layer by its weights.\n";
        };
    }

    private static Object num(double v, boolean plain) {
        return plain ? TextTable.plain(v) : TextTable.sig(v);
    }

    private static Object ratio(double a, double b, boolean plain) {
        if (b == 0) {
            return "-";
        }
        return plain ? TextTable.plain(a / b) : String.format(java.util.Locale.ROOT, "%.3fx", a / b);
    }
}
