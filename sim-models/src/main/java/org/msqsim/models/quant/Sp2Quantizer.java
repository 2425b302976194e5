package org.msqsim.models.quant;

import org.msqsim.core.fixed.Sp2Format;

/**
 * m-bit sum-of-power-of-2 quantizer (Chang et al., HPCA 2021, eq. for SP2): values
 * {@code ±α·(q1 + q2)}; codes laid out by {@link Sp2Format} (sign, q1 field, q2 field), so a code is
 * exactly what the LUT shift-adder reads. Nearest level by magnitude; a tie goes to the smaller
 * magnitude; beyond ±α clamps to ±α. Zero is code 0.
 */
public final class Sp2Quantizer implements RowQuantizer {
    private final Sp2Format format;
    private final int[] magInts;
    private final double[] magnitudes;
    private final double[] midpoints;
    /** Canonical codes of each magnitude level, positive and negative (level 0 is code 0 either way). */
    private final int[] posCode;
    private final int[] negCode;
    /** {@link #unitValue} of every code, as {@link Sp2Format#value} computes it. */
    private final double[] valueOfCode;

    public Sp2Quantizer(int bits) {
        this(Sp2Format.of(bits));
    }

    public Sp2Quantizer(Sp2Format format) {
        this.format = format;
        this.magInts = format.magnitudes();
        this.magnitudes = new double[magInts.length];
        double denom = format.maxMagnitudeInt();
        for (int i = 0; i < magInts.length; i++) {
            magnitudes[i] = magInts[i] / denom;
        }
        this.midpoints = new double[magInts.length - 1];
        for (int i = 0; i < midpoints.length; i++) {
            midpoints[i] = (magnitudes[i] + magnitudes[i + 1]) / 2;
        }
        this.posCode = new int[magInts.length];
        this.negCode = new int[magInts.length];
        for (int i = 0; i < magInts.length; i++) {
            posCode[i] = format.codeOf(magInts[i], false);
            negCode[i] = format.codeOf(magInts[i], true);
        }
        this.valueOfCode = new double[format.codeCount()];
        for (int code = 0; code < valueOfCode.length; code++) {
            valueOfCode[code] = format.value(code);
        }
    }

    public Sp2Format format() {
        return format;
    }

    @Override
    public Scheme scheme() {
        return Scheme.SP2;
    }

    @Override
    public int bits() {
        return format.bits();
    }

    @Override
    public int nearestCode(double x) {
        double a = Math.abs(x);
        if (a == a) { // not NaN
            // Smallest i with a <= midpoints[i] (at a midpoint the smaller magnitude wins): the number
            // of midpoints below a, counted without branches.
            int lo = 0;
            for (double m : midpoints) {
                lo += a > m ? 1 : 0;
            }
            return x < 0 ? negCode[lo] : posCode[lo];
        }
        // NaN: the binary search below, which a NaN drives to the largest magnitude.
        int lo = 0;
        int hi = midpoints.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a <= midpoints[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return format.codeOf(magInts[lo], x < 0);
    }

    @Override
    public double unitValue(int code) {
        return code >= 0 && code < valueOfCode.length ? valueOfCode[code] : format.value(code);
    }

    @Override
    public int intWeight(int code) {
        return format.valueInt(code);
    }

    @Override
    public int unitDenominator() {
        return format.maxMagnitudeInt();
    }

    @Override
    public double[] unitMagnitudes() {
        return magnitudes.clone();
    }
}
