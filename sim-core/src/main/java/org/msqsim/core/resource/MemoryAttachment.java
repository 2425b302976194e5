package org.msqsim.core.resource;

import java.util.Locale;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.AxiPortSpec;
import org.msqsim.core.spec.DeviceSpec;

/**
 * How the accelerator reaches external memory, which decides whether a memory controller occupies
 * the programmable logic.
 */
public enum MemoryAttachment {
    /** The Zynq / Zynq UltraScale+ PS DDR controller through S_AXI_HP ports: no PL resources. */
    PS_DDR,
    /** A MIG DDR controller in the PL (ZC706 PL DDR3 SODIMM, Alveo DDR4): FINN's DDR cost. */
    PL_MIG,
    /** An HBM controller (Alveo U50/U280): FINN's HBM cost. */
    PL_HBM;

    /**
     * Infers the attachment from the specs until board files state it: HBM if the DDR type names
     * HBM; a PL MIG if the part has no processing system (not {@code xc7z…}, {@code xczu…},
     * {@code xck…}) or any AXI port is named after a MIG (contains {@code mig}); otherwise PS DDR.
     * Callers that know better pass the attachment explicitly.
     */
    public static MemoryAttachment infer(AcceleratorSpec spec, DeviceSpec device) {
        if (spec == null || device == null) {
            throw new IllegalArgumentException("accelerator and device are required");
        }
        if (spec.ddr().type().toLowerCase(Locale.ROOT).contains("hbm")) {
            return PL_HBM;
        }
        String part = device.part().toLowerCase(Locale.ROOT);
        boolean hasPs = part.startsWith("xc7z") || part.startsWith("xczu") || part.startsWith("xck");
        boolean migPort = false;
        for (AxiPortSpec p : spec.ddr().ports()) {
            migPort |= p.name().toLowerCase(Locale.ROOT).contains("mig");
        }
        return !hasPs || migPort ? PL_MIG : PS_DDR;
    }
}
