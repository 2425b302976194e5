package org.msqsim.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.Dataflow;

/**
 * The planner fetches the input once per (tn, tk) and prices a fused pool's stores once per GEMM
 * (explore's speed, issue 16); it must choose exactly what the per-candidate loop it replaced chose,
 * kept here as the oracle: {@link TilePlanner#fits} and {@link PlanEstimate#latencyPs(TileGrid)} on
 * every (tn, tk, m-tiles) candidate, the same score and the same tie rule.
 */
class TilePlannerOracleTest {

    /** The planner's loop before issue 16: every candidate built, fitted and scored on its own. */
    private static PlanOutcome oracle(AcceleratorSpec spec, GemmShape g) {
        TilePlanner planner = new TilePlanner(spec);
        PlanEstimate estimate = new PlanEstimate(spec, TileBytes.of(spec));
        TilePlan best = null;
        long bestScore = Long.MAX_VALUE;
        long bestSteps = Long.MAX_VALUE;
        for (int tn : TilePlanner.aligned(TilePlanner.candidates(g.n(), 8), planner.nUnit(), g.n())) {
            for (int tk : TilePlanner.aligned(TilePlanner.candidates(g.k(), 1), planner.kUnit(), g.k())) {
                for (int mt : TilePlanner.mTileCounts(Math.max(g.mDsp(), g.mLut()))) {
                    TilePlan p = new TilePlan(tn, tk, g.mDsp() == 0 ? 0 : (g.mDsp() + mt - 1) / mt,
                            g.mLut() == 0 ? 0 : (g.mLut() + mt - 1) / mt);
                    if (!planner.fits(g, p)) {
                        continue;
                    }
                    TileGrid grid = new TileGrid(g, p);
                    long steps = grid.steps();
                    if (steps > TilePlanner.MAX_STEPS) {
                        continue;
                    }
                    long score = estimate.latencyPs(grid);
                    if (score < bestScore || (score == bestScore && steps < bestSteps)) {
                        best = p;
                        bestScore = score;
                        bestSteps = steps;
                    }
                }
            }
        }
        return best == null ? null : new PlanOutcome.Planned(best, bestScore);
    }

    @Test
    void choosesWhatThePerCandidateLoopChoseOnSeededRandomLayers() {
        SplittableRandom rnd = new SplittableRandom(1616);
        Dataflow[] flows = Dataflow.values();
        int planned = 0;
        for (int i = 0; i < 400; i++) {
            Dataflow df = flows[rnd.nextInt(flows.length)];
            int rows = 2 << rnd.nextInt(4);
            int cols = 2 << rnd.nextInt(4);
            boolean lut = rnd.nextBoolean();
            long buffer = 256L << rnd.nextInt(9);
            AcceleratorSpec spec = AcceleratorFixtures.design(df, rows, cols, 1 + rnd.nextInt(2), lut ? rows : 0,
                    lut ? cols : 0, buffer, 4 + rnd.nextInt(5), 1 + rnd.nextInt(4));
            int channels = 1 + rnd.nextInt(96);
            int r = new int[] {1, 3, 5, 7}[rnd.nextInt(4)];
            int stride = 1 + rnd.nextInt(2);
            int pad = rnd.nextInt(r / 2 + 1);
            int h = r + rnd.nextInt(40);
            int w = r + rnd.nextInt(40);
            int outH = (h + 2 * pad - r) / stride + 1;
            int outW = (w + 2 * pad - r) / stride + 1;
            Optional<PoolRows> pool = Optional.empty();
            if (rnd.nextInt(4) == 0 && outH >= 3 && outW >= 3) {
                pool = Optional.of(new PoolRows(3, 3, 2, 1, outH, outW, (outH - 1) / 2 + 1, (outW - 1) / 2 + 1));
            }
            OutputStage stage = new OutputStage(rnd.nextInt(4) == 0, pool);
            boolean conv = rnd.nextInt(5) != 0;
            Optional<ConvWindow> window = conv
                    ? Optional.of(new ConvWindow(channels, h, w, r, r, stride, pad, outH, outW)) : Optional.empty();
            int m = 1 + rnd.nextInt(200);
            int lutRows = lut ? rnd.nextInt(m + 1) : 0;
            GemmShape g = new GemmShape(m - lutRows, lutRows, channels * r * r, outH * outW, window, stage);
            PlanOutcome got = new TilePlanner(spec).plan(g);
            PlanOutcome want = oracle(spec, g);
            if (want == null) {
                assertEquals(PlanOutcome.Infeasible.class, got.getClass(), g + " on " + spec);
            } else {
                assertEquals(want, got, g + " on " + spec);
                planned++;
            }
        }
        assertEquals(true, planned > 200, planned + " of 400 layers planned: the test must exercise the ranking");
    }
}
