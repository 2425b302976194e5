package org.msqsim.core.hw.compute;

import org.msqsim.core.fixed.FixedFormat;
import org.msqsim.core.spec.PeArraySpec;

/**
 * A fabric fixed-point PE (LUT_FIXED): a LUT multiplier of a signed weight and a signed or unsigned
 * activation, each operand cut to its declared width as the wires into the multiplier are, so that
 * out-of-range inputs give the hardware's bits. Accumulation is {@link FabricKernel}'s.
 */
final class FabricFixedKernel extends FabricKernel {

    private final int wShift;
    private final int aShift;
    private final boolean actSigned;

    FabricFixedKernel(PeArraySpec spec, PeDatapath d, FixedFormat accumulator) {
        super(spec, accumulator);
        this.wShift = 32 - d.weightBits();
        this.aShift = 32 - d.actBits();
        this.actSigned = d.actSigned();
    }

    @Override
    long dot(int[] w, int wOff, int[] a, int aOff, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            s += (long) cutWeight(w[wOff + i]) * cutAct(a[aOff + i]);
        }
        return s;
    }

    @Override
    void rowProducts(int[] w, int wOff, int[] a, int aOff, int len, long[] out) {
        for (int i = 0; i < len; i++) {
            out[i] = (long) cutWeight(w[wOff + i]) * cutAct(a[aOff + i]);
        }
    }

    @Override
    long product(int w, int a) {
        return (long) cutWeight(w) * cutAct(a);
    }

    private int cutWeight(int w) {
        return (w << wShift) >> wShift;
    }

    private int cutAct(int a) {
        return actSigned ? (a << aShift) >> aShift : (a << aShift) >>> aShift;
    }
}
