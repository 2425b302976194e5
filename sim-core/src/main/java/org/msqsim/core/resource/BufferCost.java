package org.msqsim.core.resource;

import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.DeviceSpec;
import org.msqsim.core.spec.MemoryKind;

/**
 * Block RAM and URAM of one buffer, bank by bank.
 *
 * <p>Each bank holds {@code ceil(capacity / banks)} bytes at its port width, so its depth is
 * {@code ceil(bytes·8 / width)} words. For BRAM every aspect ratio of both primitives is tried and
 * the cheapest in RAMB18 units kept: blocks = {@code ceil(width / w) · ceil(depth / d)}, a RAMB36
 * costing two RAMB18. The 9/18/36/72-bit shapes include the parity bits, usable as data.
 * <ul>
 *   <li>RAMB18E1/E2: 16K×1, 8K×2, 4K×4, 2K×9, 1K×18, and 512×36 in simple dual-port (SDP) mode
 *       (UG953 RAMB18E1; facts §6 [V S49]).</li>
 *   <li>RAMB36E1/E2: 32K×1, 16K×2, 8K×4, 4K×9, 2K×18, 1K×36, and 512×72 SDP (UG953
 *       BRAM_SINGLE_MACRO; facts §6 [V S48]; UltraScale+ has the same shapes, UG573 [U]).</li>
 *   <li>URAM288: 4K×72 only (UG949; facts §6 [V S51]); rejected on a device without URAM.</li>
 * </ul>
 *
 * <p>Double buffering needs no extra blocks: the capacity is the total, and the two halves are the
 * lower and upper halves of each bank's address space (the address MSB is the ping-pong bit). Both
 * RAM primitives have two ports, so one half is written through one port while the other is read
 * through the other — in SDP mode too (one write port, one read port).
 */
final class BufferCost {
    /** {depth, width} of RAMB18 shapes. */
    private static final int[][] RAMB18 = {{16384, 1}, {8192, 2}, {4096, 4}, {2048, 9}, {1024, 18}, {512, 36}};
    /** {depth, width} of RAMB36 shapes. */
    private static final int[][] RAMB36 = {{32768, 1}, {16384, 2}, {8192, 4}, {4096, 9}, {2048, 18}, {1024, 36},
            {512, 72}};
    static final int URAM_DEPTH = 4096;
    static final int URAM_WIDTH = 72;

    private BufferCost() {
    }

    static ResourceVector of(BufferSpec b, DeviceSpec device) {
        if (b == null || device == null) {
            throw new IllegalArgumentException("buffer and device are required");
        }
        long bankBytes = CostModel.ceilDiv(b.capacityBytes(), b.banks());
        long depth = CostModel.ceilDiv(bankBytes * 8, b.widthBits());
        if (b.memory() == MemoryKind.URAM) {
            if (device.uram() == 0) {
                throw new IllegalArgumentException("buffer " + b.name() + " is built from URAM, but device "
                        + device.part() + " has no URAM");
            }
            long perBank = blocks(b.widthBits(), depth, URAM_WIDTH, URAM_DEPTH);
            return new ResourceVector(0, 0, 0, 0, perBank * b.banks());
        }
        return new ResourceVector(0, 0, 0, bram18PerBank(b.widthBits(), depth) * b.banks(), 0);
    }

    /** Cheapest RAMB18-equivalent count for one bank of {@code width} bits × {@code depth} words. */
    static long bram18PerBank(int width, long depth) {
        long best = Long.MAX_VALUE;
        for (int[] s : RAMB18) {
            best = Math.min(best, blocks(width, depth, s[1], s[0]));
        }
        for (int[] s : RAMB36) {
            best = Math.min(best, 2 * blocks(width, depth, s[1], s[0]));
        }
        return best;
    }

    private static long blocks(int width, long depth, int blockWidth, int blockDepth) {
        return CostModel.ceilDiv(width, blockWidth) * CostModel.ceilDiv(depth, blockDepth);
    }
}
