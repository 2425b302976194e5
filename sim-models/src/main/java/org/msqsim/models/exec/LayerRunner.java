package org.msqsim.models.exec;

import java.util.List;
import java.util.Locale;
import org.msqsim.core.fixed.DspKind;
import org.msqsim.core.hw.accel.AcceleratorRun;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.trace.TraceSink;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.lower.GemmWork;
import org.msqsim.models.lower.Lowering;
import org.msqsim.models.quant.QuantizedWeights;
import org.msqsim.models.quant.Scheme;

/**
 * Runs one GEMM layer on an MSQ accelerator as a one-node network, through the steps a
 * {@link NetworkRunner} takes for each layer: {@link Lowering}, then either the {@link LayerTimer} or
 * the {@link ExactGemm} step. What differs is the layer's surroundings: the weights are seeded
 * synthetic rows ({@link WeightSource#oneLayer}), the input seeded ReLU-like activations
 * ({@link Activations#relu}), and the check is made at the accumulators — every one compared with the
 * golden reference computed directly from the layer — rather than after requantization; the result
 * keeps the whole accelerator run.
 */
public final class LayerRunner {
    private final AcceleratorSpec spec;
    private final DspKind dspKind;

    public LayerRunner(AcceleratorSpec spec, DspKind dspKind) {
        this.spec = spec;
        this.dspKind = dspKind;
    }

    /** What a run needs besides the layer. */
    public record Options(double sp2Fraction, long seed, boolean timingOnly, TraceSink trace) {
    }

    /**
     * Runs the layer.
     *
     * @throws InfeasibleException when the layer cannot be mapped onto the accelerator
     */
    public LayerRun run(Layer l, Options o) {
        if (!(l instanceof GemmLayer layer) || layer.groups() != 1) {
            throw new InfeasibleException(l.describe() + " is not one GEMM: this runner takes a gemm, a dense layer "
                    + "or a convolution with one group");
        }
        if (!o.timingOnly()) {
            checkArrays(layer);
        }
        int m = layer.gemmM();
        GemmExecutor exec = new GemmExecutor(spec, dspKind);
        List<GemmWork> works = new Lowering(spec.activationBits()).gemms(layer, o.sp2Fraction());
        if (o.timingOnly()) {
            AcceleratorRun run = new LayerTimer(exec, spec).time(List.copyOf(works), o.trace()).onlyRun();
            int sp2Rows = works.get(0).lutRows();
            return new LayerRun(layer, o.sp2Fraction(), sp2Rows, m - sp2Rows, run, false, 0, "");
        }
        ExactGemm exact = new ExactGemm(spec, exec);
        QuantizedWeights q = exact.quantize(WeightSource.oneLayer(o.seed()).weights(layer), o.sp2Fraction());
        int sp2Rows = exec.lutIsFixedPoint() ? works.get(0).lutRows() : q.countRows(Scheme.SP2);
        int[] input = Activations.relu((int) layer.inputShape().elements(), spec.activationBits(), o.seed() + 1);
        ExactGemm.Accumulators acc = exact.run(works, q, input, false, input, o.trace(), () -> { });
        long[] sim = acc.simulated();
        long[] golden = acc.golden();
        int n = layer.gemmN();
        long mismatches = 0;
        String first = "";
        for (int i = 0; i < golden.length; i++) {
            if (sim[i] != golden[i] && mismatches++ == 0) {
                first = "row " + i / n + " (" + q.scheme(i / n).label() + "), output " + i % n + ": simulated "
                        + sim[i] + ", reference " + golden[i];
            }
        }
        return new LayerRun(layer, o.sp2Fraction(), sp2Rows, m - sp2Rows, acc.tally().onlyRun(), true, mismatches,
                first);
    }

    /**
     * Refuses, before anything runs, a bit-exact run of a layer whose input, weights, GEMM input
     * (K×N, the im2col matrix of a convolution) or accumulators (M×N) would not fit one Java array
     * ({@link Integer#MAX_VALUE} elements); a timing-only run holds none of them.
     *
     * @throws InfeasibleException naming the first such array, its size and the limit
     */
    static void checkArrays(GemmLayer layer) {
        long m = layer.gemmM();
        long k = layer.gemmK();
        long n = layer.gemmN();
        Object[][] arrays = {
            {"input C×H×W = " + layer.inputShape(), layer.inputShape().elements()},
            {"weights M×K = " + m + "×" + k, m * k},
            {"GEMM input K×N = " + k + "×" + n, k * n},
            {"accumulators M×N = " + m + "×" + n, m * n},
        };
        for (Object[] a : arrays) {
            long size = (Long) a[1];
            if (size > Integer.MAX_VALUE) {
                throw new InfeasibleException(String.format(Locale.ROOT, "%s: a bit-exact run holds its %s "
                        + "(%,d elements) in one Java array, whose limit is %,d elements; use --timing-only for "
                        + "cycles without values", layer.describe(), a[0], size, Integer.MAX_VALUE));
            }
        }
    }
}
