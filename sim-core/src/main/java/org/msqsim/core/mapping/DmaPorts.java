package org.msqsim.core.mapping;

import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.DdrSpec;

/**
 * How the DMA streams use the AXI ports of the DDR controller (issue 13 point 11). A designer
 * does not tie a stream to one port when a port carries only part of the memory's bandwidth (a
 * ZedBoard S_AXI_HP port at 100 MHz moves 800 MB/s of the DDR's 3.15 GB/s, UG585 "Theoretical
 * Bandwidth"): each port has one datamover (priced per port, {@code CostModel.overheads}), and
 * every stream — input loads, weight loads, skip-tensor loads of a fused add, output stores —
 * splits each transfer over all the ports in whole AXI bursts, as evenly as the burst count allows.
 * An AXI port's read and write channels are independent (AXI4: separate AR/R and AW/W/B channels),
 * so a store shares no channel with the loads; the loads share each port's read channel through a
 * small read arbiter per port (the AXI interconnect {@code CostModel} prices). Which stream gets how
 * much of a port is then decided by need, cycle by cycle, by the controller's max-min fair share
 * ({@code FairShare}), not by a fixed wiring; a stream alone can reach every port's bandwidth.
 *
 * <p>Each stream starts its transfers on its own port ({@link Stream#ordinal()} modulo the port
 * count) and rotates from there, so that short (one-burst) transfers of different streams do not
 * pile on port 0. All ports of every board are equal (width and clock), so an even split in bursts
 * is also an even split in time; the planner's estimate ({@code PlanEstimate}) charges the reads
 * and the writes against the sum of the ports' ceilings for the same reason.
 *
 * @param ports      AXI ports of the design's DDR ({@code ddr.ports}), each with its datamover
 * @param burstBytes the longest AXI burst the DMA issues ({@code ddr.burst_bytes}): the unit of the split
 */
public record DmaPorts(int ports, int burstBytes) {

    /** The DMA streams of the tile loop. */
    public enum Stream {
        INPUT, WEIGHTS, SKIP, OUTPUT
    }

    public DmaPorts {
        if (ports < 1 || burstBytes < 1) {
            throw new IllegalArgumentException("DMA needs >= 1 port and a burst of >= 1 byte, got " + ports
                    + " ports, " + burstBytes + " B bursts");
        }
    }

    /** The streams on a design's DDR ports. */
    public static DmaPorts of(AcceleratorSpec spec) {
        return new DmaPorts(spec.ddr().ports().size(), spec.ddr().burstBytes());
    }

    /**
     * Bytes per second all the ports of {@code ddr} move in one direction together, at most the
     * memory's sustained rate: what one stream, or all streams together, can read (or write) when
     * every stream uses every port. The planner's estimate ({@code PlanEstimate}) charges by it.
     */
    public static double bytesPerSecond(DdrSpec ddr) {
        return Math.min(ddr.portsPeakBytesPerSecond(), ddr.sustainedBytesPerSecond());
    }

    /** The port a stream's first transfer starts on. */
    public int firstPort(Stream s) {
        return s.ordinal() % ports;
    }

    /** Ports a transfer of {@code bytes} (> 0) is split over: one per burst, at most every port. */
    public int parts(long bytes) {
        long bursts = (bytes + burstBytes - 1) / burstBytes;
        return (int) Math.min(ports, bursts);
    }

    /**
     * Bytes of part {@code i} of {@link #parts(long)}: whole bursts, the first {@code bursts % parts}
     * parts one burst more, the last part ending with the partial burst when {@code bytes} is not a
     * whole number of bursts. The parts sum to {@code bytes}.
     */
    public long partBytes(long bytes, int i) {
        int parts = parts(bytes);
        if (i < 0 || i >= parts) {
            throw new IllegalArgumentException("part " + i + " of " + parts);
        }
        long bursts = (bytes + burstBytes - 1) / burstBytes;
        long mine = bursts / parts + (i < bursts % parts ? 1 : 0);
        long b = mine * burstBytes;
        long rest = bytes % burstBytes;
        return i == parts - 1 && rest != 0 ? b - (burstBytes - rest) : b;
    }
}
