package org.msqsim.core.hw.compute;

import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.fixed.Sp2Format;
import org.msqsim.core.fixed.Sp2Mac;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A fabric SP2 PE (LUT_SP2): weights are SP2 codes ({@link Sp2Format}, split by
 * {@link Sp2Format#of} from the datapath's weight width) multiplied by shift-add in LUTs
 * ({@link Sp2Mac}). Accumulation is {@link FabricKernel}'s; with a wrapping accumulator and every
 * operand valid the tile is decoded once and run as plain integer dots ({@link #tile}).
 */
final class FabricSp2Kernel extends FabricKernel {

    private final Sp2Mac sp2;
    /** {@code valueInt} of every code, indexed by code. */
    private final int[] values;
    /** The activation range {@link Sp2Mac} accepts, and its longest dot. */
    private final long actMin;
    private final long actMax;
    private final int maxTerms;
    private final PlainDotTile plain;
    private int[] decoded = new int[0];

    FabricSp2Kernel(PeArraySpec spec, PeDatapath d, FixedFormat accumulator) {
        super(spec, accumulator);
        this.sp2 = new Sp2Mac(Sp2Format.of(d.weightBits()), d.actBits(), d.actSigned());
        Sp2Format f = sp2.format();
        this.values = new int[f.codeCount()];
        for (int c = 0; c < values.length; c++) {
            values[c] = f.valueInt(c);
        }
        this.actMin = d.actSigned() ? -(1L << (d.actBits() - 1)) : 0L;
        this.actMax = d.actSigned() ? (1L << (d.actBits() - 1)) - 1 : (1L << d.actBits()) - 1;
        this.maxTerms = (int) Math.min(Integer.MAX_VALUE, sp2.structure().maxExactTerms());
        long maxAbsProduct = (1L << d.actBits()) * (long) f.maxMagnitudeInt();
        this.plain = new PlainDotTile(accumulator, chunk, maxAbsProduct);
    }

    /**
     * The tile's SP2 codes as their integer weights ({@code Sp2Format.valueInt}, units of 2^-L),
     * once per tile instead of a shift-add per MAC: {@code Sp2Mac}'s shift-add product of a valid
     * code and an in-range activation is exactly {@code activation · valueInt(code)} (Sp2MacTest
     * checks every code against every activation), its product register is wide enough never to
     * wrap, and with a wrapping accumulator the sum order does not matter, so the decoded tile is a
     * {@link PlainDotTile}. Otherwise (saturating accumulator, an activation out of range, a dot
     * longer than exact, an invalid code) the faithful loop runs and reports what the hardware does.
     */
    @Override
    public long tile(int[] w, int wOff, int ws, int m, TileActivations x, long[] acc, int accOff, int as) {
        int k = x.k();
        if (wrapOnce() && x.min() >= actMin && x.max() <= actMax && k <= maxTerms && decode(w, wOff, ws, m, k)) {
            return plain.run(decoded, 0, k, m, x, acc, accOff, as);
        }
        return super.tile(w, wOff, ws, m, x, acc, accOff, as);
    }

    /** The codes' integer weights into {@code decoded}; false (nothing usable) if a code is invalid. */
    private boolean decode(int[] w, int wOff, int ws, int m, int k) {
        if (decoded.length < m * k) {
            decoded = new int[m * k];
        }
        int[] table = values;
        int bits = sp2.format().bits();
        for (int i = 0; i < m; i++) {
            int row = wOff + i * ws;
            int out = i * k;
            for (int kk = 0; kk < k; kk++) {
                int c = w[row + kk];
                if ((c >>> bits) != 0) {
                    return false;
                }
                decoded[out + kk] = table[c];
            }
        }
        return true;
    }

    @Override
    long dot(int[] w, int wOff, int[] a, int aOff, int len) {
        return sp2.dot(w, wOff, a, aOff, len);
    }

    @Override
    void rowProducts(int[] w, int wOff, int[] a, int aOff, int len, long[] out) {
        sp2.products(w, wOff, a, aOff, out, 0, len);
    }

    @Override
    long product(int w, int a) {
        return sp2.multiply(w, a);
    }
}
