package org.msqsim.core.resource;

import java.util.Optional;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.DepthwiseEngineSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * The documented rule that sizes a design's depthwise engine from its dense cores and a LUT share
 * (docs/cost-model.md "Default designs", step 0): a design rule, not a hardware constant; the board
 * defaults use {@link #DEFAULT_LUT_SHARE} and {@code explore} searches a few shares.
 * <ul>
 *   <li>pixels = the dense cores' rows: the line buffer already delivers one activation row of that
 *       width per clock;</li>
 *   <li>fixed-point lanes on LUT multipliers ({@code lut_fixed}): the DSP slices are the dense
 *       split's;</li>
 *   <li>accumulators {@code W + A + 5} bits: exact for kernels of up to 32 taps (3×3 and 5×5);</li>
 *   <li>channel lanes T = fixed + SP2, split at the dense cores' balanced SP2 fraction
 *       {@code F = L/(L + D)} of peak MAC rates (the run's default fraction, {@code MsqBalance}):
 *       {@code sp2_channels = max(1, round(F·T))} (none when F = 0), at most {@code T − 1}: at least
 *       one fixed-point channel; T the largest whose engine
 *       costs at most {@code share} of the core LUT budget (70 % of the LUTs less the overheads);</li>
 *   <li>weight bank: the DPU's depth, 2,048 words of one byte per channel lane (2·T KiB).</li>
 * </ul>
 */
public final class DepthwiseEngineSizing {
    /** The board defaults' share of the core LUT budget (an assumed design split, tagged [U] in the docs). */
    public static final double DEFAULT_LUT_SHARE = 0.05;
    /** Extra accumulator bits over W + A: exact for up to 2^5 = 32 taps. */
    static final int TAP_BITS = 5;

    /** A block RAM's widest simple-dual-port data path: RAMB36 512 × 72, 64 data bits (UG473 / UG573). */
    static final int PORT_BITS = 64;
    /** The most banks a buffer may have ({@code BufferSpec}). */
    static final int MAX_BANKS = 4096;

    private DepthwiseEngineSizing() {
    }

    /** The dense cores' balanced SP2 fraction: the LUT core's share of the peak MAC rate. */
    public static double balancedFraction(AcceleratorSpec a) {
        double d = a.dspCore().map(c -> (double) c.peakMacsPerCycle() * c.clockHz()).orElse(0.0);
        double l = a.lutCore().map(c -> (double) c.peakMacsPerCycle() * c.clockHz()).orElse(0.0);
        return l + d == 0 ? 0 : l / (l + d);
    }

    /** The core LUT budget of step 1: the LUT ceiling less the overheads' LUTs. */
    public static long coreLutBudget(CostModel cost, AcceleratorSpec a, DeviceSpec device) {
        long overheads = cost.overheads(a, device).values().stream().mapToLong(ResourceVector::lut).sum();
        return (long) Math.floor(cost.constants().lutCeiling() * device.lut()) - overheads;
    }

    /**
     * The engine of {@code share} of the core LUT budget beside {@code a}'s dense cores (any engine
     * {@code a} has is ignored); none when not even two channel lanes fit.
     */
    public static Optional<DepthwiseEngineSpec> size(CostModel cost, AcceleratorSpec a, DeviceSpec device,
                                                               double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("depthwise engine LUT share must be in (0, 1), got " + share);
        }
        int pixels = Math.max(a.dspCore().map(PeArraySpec::rows).orElse(0),
                a.lutCore().map(PeArraySpec::rows).orElse(0));
        pixels = Math.min(256, Math.max(1, pixels));
        double f = balancedFraction(a);
        long allowed = (long) Math.floor(share * coreLutBudget(cost, a, device));
        int acc = Math.min(24, a.weightBits() + a.activationBits() + TAP_BITS);
        Optional<DepthwiseEngineSpec> best = Optional.empty();
        for (int t = 2; t <= 512; t++) {
            DepthwiseEngineSpec e = engine(pixels, t, f, acc);
            if (e == null) {
                continue;
            }
            if (cost.depthwiseEngine(e, a.weightBits(), a.activationBits(), device).lut() > allowed) {
                break;
            }
            best = Optional.of(e);
        }
        return best;
    }

    /**
     * {@code a} with an input buffer whose port carries its depthwise engine's read, one activation per
     * lane a tap clock ({@code BufferPorts.engineActivationNeedBits}; docs/cost-model.md "Buffer
     * bandwidth"): the same capacity and bank width in more banks where its {@code banks × width} is
     * short (a bank narrower than 64 bits may also be widened, see below). Of the bank counts from
     * {@code n0 = ceil(need / width)} to {@code 2·n0}, the one of the fewest
     * block RAMs (RAMB18 units, or URAM, as {@link CostModel#buffer} prices them), the fewest banks on a tie:
     * a bank count that splits the capacity into whole blocks costs no block RAM beyond the capacity's
     * (ZC706: 512 KiB in 16 banks of 64 bits = 128 RAMB36, as in 4), one that does not is priced. {@code a}
     * itself when it has no engine or its port suffices. A bank narrower than a block RAM's 64-bit port
     * (explore's small designs) is also tried at 2, 4, … times its width up to 64 bits, kept only where that
     * takes strictly fewer blocks; the board defaults' 32- and 64-bit banks keep their width.
     *
     * @throws IllegalArgumentException if the read needs more than {@value #MAX_BANKS} banks
     */
    public static AcceleratorSpec withEnginePort(AcceleratorSpec a, DeviceSpec device) {
        if (a.depthwiseEngine().isEmpty()) {
            return a;
        }
        BufferSpec in = a.inputBuffer();
        long need = ((long) a.depthwiseEngine().get().lanes() + a.depthwiseEngine().get().sp2Lanes())
                * a.activationBits();
        if ((long) in.banks() * in.widthBits() >= need) {
            return a;
        }
        BufferSpec best = null;
        long bestBlocks = Long.MAX_VALUE;
        // the buffer's own bank width first; a bank narrower than a block RAM's 64-bit data port also at
        // 2, 4, … times its width, taken only where that needs strictly fewer blocks
        for (int width = in.widthBits(); width == in.widthBits() || width <= PORT_BITS; width *= 2) {
            long n0 = (need + width - 1) / width;
            for (long n = n0; n <= Math.min(2 * n0, MAX_BANKS); n++) {
                BufferSpec b = in.withWidthBits(width).withBanks((int) n);
                ResourceVector r = BufferCost.of(b, device);
                long blocks = r.bram18() + r.uram();
                if (blocks < bestBlocks) {
                    best = b;
                    bestBlocks = blocks;
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("input buffer " + in.name() + " would need more than " + MAX_BANKS
                    + " banks for the depthwise engine's " + need + " bits a clock");
        }
        return a.withBuffers(best, a.weightBuffer(), a.outputBuffer());
    }

    /** T channel lanes split at fraction f; null where the split leaves a kind outside 1..256 / 0..256. */
    static DepthwiseEngineSpec engine(int pixels, int t, double f, int acc) {
        // SP2 lanes whenever the design has SP2 rows, and at least one fixed-point lane (a LUT-only
        // design, F = 1, still has one: the spec needs it, and F below 1 at run time uses it)
        int sp2 = f > 0 ? Math.max(1, Math.min(t - 1, (int) Math.round(f * t))) : 0;
        int fixed = t - sp2;
        if (fixed < 1 || fixed > 256 || sp2 > 256) {
            return null;
        }
        return new DepthwiseEngineSpec(pixels, fixed, MacKind.LUT_FIXED, sp2, acc, 2 * t);
    }
}
