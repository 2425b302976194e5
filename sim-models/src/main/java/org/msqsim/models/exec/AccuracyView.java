package org.msqsim.models.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;

/**
 * The accuracy view of a network: for each {@link AccuracyRunner.Setting} (MSQ at the design's
 * fraction, all fixed-point, all SP2, at each width), every layer's SQNR against float on the first
 * input, the output's SQNR averaged (in dB) over all inputs, and — for a classifier — the fraction of
 * inputs whose top-1 class agrees with float.
 */
public record AccuracyView(Network network, List<AccuracyRunner.Setting> settings, List<LayerRow> layers,
                           double[] outputSqnrDb, double[] top1Agreement, int inputs, boolean classifier) {

    /** One layer's SQNR (dB) under each setting, in {@link #settings()} order. */
    public record LayerRow(String name, String kind, double[] sqnrDb) {
    }

    /**
     * Runs every setting on {@code count} inputs from {@code input} (input {@code i} of the network's
     * shape, flattened C×H×W).
     */
    public static AccuracyView measure(Network net, WeightSource weights, List<AccuracyRunner.Setting> settings,
                                       IntFunction<double[]> input, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one input");
        }
        AccuracyRunner r = new AccuracyRunner(net, weights);
        int k = settings.size();
        Map<String, double[]> first = new LinkedHashMap<>();
        double[] outSum = new double[k];
        int[] agree = new int[k];
        String out = net.outputs().get(0);
        for (int i = 0; i < count; i++) {
            double[] x = input.apply(i);
            Map<String, double[]> ref = r.floatRun(x);
            for (int s = 0; s < k; s++) {
                AccuracyRunner.Outcome o = r.compare(settings.get(s), x, ref);
                if (i == 0) {
                    for (Map.Entry<String, Double> e : o.sqnrDb().entrySet()) {
                        first.computeIfAbsent(e.getKey(), n -> new double[k])[s] = e.getValue();
                    }
                }
                outSum[s] += o.sqnrDb().get(out);
                agree[s] += o.top1Agrees() ? 1 : 0;
            }
        }
        List<LayerRow> rows = new ArrayList<>();
        for (Node n : net.nodes()) {
            rows.add(new LayerRow(n.name(), n.layer().kind().label(), first.get(n.name())));
        }
        double[] outMean = new double[k];
        double[] top1 = new double[k];
        for (int s = 0; s < k; s++) {
            outMean[s] = outSum[s] / count;
            top1[s] = (double) agree[s] / count;
        }
        return new AccuracyView(net, List.copyOf(settings), List.copyOf(rows), outMean, top1, count,
                AccuracyRunner.isClassifier(net));
    }
}
