package org.msqsim.core.fixed;

import java.util.Objects;

/**
 * Wide accumulator → output activation, as integer inference hardware does it (gemmlowp's output
 * pipeline; Jacob et al., CVPR 2018, section 2.2; TFLite's quantized kernels).
 *
 * <p>Two modes, each a static factory:
 * <ul>
 *   <li>{@link #of}: single rounding, {@code y = fit(zeroPoint + roundShift(acc × M, shift))} with one
 *       {@code (accBits + M.bits)}-bit multiplier and one rounding right shift whose mode is the output
 *       format's {@link FixedFormat#rounding()}; {@code fit} is its overflow mode (SATURATE is the usual
 *       clamp; WRAP models a design that forgot it, and shows the wrong bits). This is also TFLite's
 *       {@code TFLITE_SINGLE_ROUNDING} path when the mode is HALF_UP and M has 31 bits.</li>
 *   <li>{@link #tflite}: TFLite's default {@code MultiplyByQuantizedMultiplier}, a 32-bit accumulator
 *       through gemmlowp's {@code SaturatingRoundingDoublingHighMul} (≡ ARM {@code VQRDMULH}: the
 *       product's high half, rounded half up) then {@code RoundingDivideByPOT} (rounded half away from
 *       zero), then zero point and a saturating clamp. Two roundings, so it can differ from {@link #of}
 *       by one LSB; a TFLite-exact accelerator must use this one.</li>
 * </ul>
 * With ReLU the lower clamp is the zero point (the quantized real 0) as in TFLite's activation range.
 */
public final class Requantizer {

    private final QuantizedMultiplier m;
    private final boolean tflite;
    private final int accBits;
    private final long accMin;
    private final long accMax;
    private final FixedFormat out;
    private final long zeroPoint;
    private final boolean relu;

    private Requantizer(QuantizedMultiplier m, boolean tflite, int accBits, FixedFormat out, long zeroPoint, boolean relu) {
        this.m = Objects.requireNonNull(m, "multiplier");
        this.out = Objects.requireNonNull(out, "output format");
        if (accBits < 2 || accBits + m.bits() > 63) {
            throw new IllegalArgumentException("accumulator width " + accBits + " with a " + m.bits()
                    + "-bit multiplier needs a " + (accBits + m.bits()) + "-bit product; allowed 2..63");
        }
        if (out.fractionBits() != 0) {
            throw new IllegalArgumentException("requantizer output must be an integer format, got " + out);
        }
        if (!out.fits(zeroPoint)) {
            throw new IllegalArgumentException("zero point " + zeroPoint + " does not fit " + out);
        }
        this.tflite = tflite;
        this.accBits = accBits;
        this.accMin = -(1L << (accBits - 1));
        this.accMax = (1L << (accBits - 1)) - 1;
        this.zeroPoint = zeroPoint;
        this.relu = relu;
    }

    /** Single-rounding requantizer of a signed {@code accBits}-bit accumulator (see class comment). */
    public static Requantizer of(QuantizedMultiplier m, int accBits, FixedFormat out, long zeroPoint, boolean relu) {
        return new Requantizer(m, false, accBits, out, zeroPoint, relu);
    }

    /**
     * TFLite's {@code MultiplyByQuantizedMultiplier(acc, M, 31 − m.shift())} on an int32 accumulator,
     * then zero point and clamp to a saturating {@code outBits}-bit output. {@code m} must have 31 bits
     * and a shift of 1..62 (TFLite's exponent range −31..30).
     */
    public static Requantizer tflite(QuantizedMultiplier m, int outBits, boolean outSigned, long zeroPoint, boolean relu) {
        if (m.bits() != 31 || m.shift() < 1) {
            throw new IllegalArgumentException("TFLite needs a 31-bit multiplier and shift 1..62, got " + m);
        }
        FixedFormat out = outSigned ? FixedFormat.signedInt(outBits, Overflow.SATURATE)
                : FixedFormat.unsignedInt(outBits, Overflow.SATURATE);
        return new Requantizer(m, true, 32, out, zeroPoint, relu);
    }

    public QuantizedMultiplier multiplier() {
        return m;
    }

    public FixedFormat output() {
        return out;
    }

    /** The rescaled accumulator before zero point and clamp: {@code acc · scale} as an integer. */
    public long scaled(long acc) {
        if (acc < accMin || acc > accMax) {
            throw new IllegalArgumentException("accumulator " + acc + " does not fit signed " + accBits + " bits");
        }
        if (!tflite) {
            return out.rounding().shiftRight(acc * m.multiplier(), m.shift());
        }
        int exponent = 31 - m.shift();
        // C++ computes x * (1 << left_shift) in int32; on two's-complement targets that wraps, as here.
        int x = exponent > 0 ? (int) acc << exponent : (int) acc;
        // SaturatingRoundingDoublingHighMul: (a·b + nudge) / 2^31 truncated toward zero is round half up;
        // its saturation case a = b = INT32_MIN cannot arise with a non-negative multiplier.
        long high = Rounding.HALF_UP.shiftRight((long) x * m.multiplier(), 31);
        return exponent < 0 ? Rounding.HALF_AWAY.shiftRight(high, -exponent) : high;
    }

    /** The output activation for one accumulator value. */
    public long apply(long acc) {
        long y = out.fit(zeroPoint + scaled(acc));
        return relu && y < zeroPoint ? zeroPoint : y;
    }

    /** {@link #apply} over a slice, into {@code int} activations (output width at most 32 bits signed, 31 unsigned). */
    public void applyAll(long[] acc, int off, int[] dst, int dOff, int len) {
        Objects.checkFromIndexSize(off, len, acc.length);
        Objects.checkFromIndexSize(dOff, len, dst.length);
        if (out.bits() > (out.signed() ? 32 : 31)) {
            throw new IllegalArgumentException("output " + out + " does not fit an int activation");
        }
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = (int) apply(acc[off + i]);
        }
    }
}
