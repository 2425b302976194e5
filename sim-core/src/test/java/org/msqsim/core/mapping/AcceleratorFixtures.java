package org.msqsim.core.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.AxiPortSpec;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.Dataflow;
import org.msqsim.core.spec.DdrSpec;
import org.msqsim.core.spec.MacKind;
import org.msqsim.core.spec.MemoryKind;
import org.msqsim.core.spec.PeArraySpec;

/**
 * Small accelerator designs for tests, built directly from specs (no board files). Here, in the
 * lowest package whose tests need them, so the planner's and the accelerator's tests share them.
 */
public final class AcceleratorFixtures {
    private AcceleratorFixtures() {
    }

    public static DdrSpec ddr(int ports) {
        List<AxiPortSpec> p = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            p.add(new AxiPortSpec("hp" + i, 64, 150_000_000L));
        }
        // ZedBoard-like: DDR3 x32 at 1066 MT/s, 75 % efficiency (UG585), 128 B bursts.
        return new DdrSpec("DDR3-1066 x32", 32, 1066, 0.75, 128, 100_000, 20_000, p);
    }

    public static AcceleratorSpec design(Dataflow df, int dspRows, int dspCols, int packing, int lutRows, int lutCols,
                                  long bufferBytes, int bits, int ports) {
        Optional<PeArraySpec> dsp = dspRows == 0 ? Optional.empty() : Optional.of(new PeArraySpec("dsp_core",
                MacKind.DSP, df, dspRows, dspCols, packing, 200_000_000L, 32));
        Optional<PeArraySpec> lut = lutRows == 0 ? Optional.empty() : Optional.of(new PeArraySpec("lut_core",
                MacKind.LUT_SP2, df, lutRows, lutCols, 1, 150_000_000L, 32));
        return new AcceleratorSpec("test", dsp, lut, buffer("input", bufferBytes), buffer("weights", bufferBytes),
                buffer("output", bufferBytes * 4), ddr(ports), 100_000_000L, bits, bits);
    }

    public static BufferSpec buffer(String name, long bytes) {
        return new BufferSpec(name, bytes, 64, 1, true, MemoryKind.BRAM);
    }
}
