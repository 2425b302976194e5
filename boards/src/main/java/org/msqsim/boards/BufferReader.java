package org.msqsim.boards;

import java.util.Optional;
import org.msqsim.core.spec.BufferSpec;
import org.msqsim.core.spec.MemoryKind;

/** Reads one of {@code accelerator.buffers.input|weight|output}. */
final class BufferReader {
    /** 2^30 KiB = 1 TiB: far beyond any FPGA, and keeps byte counts well inside a long. */
    private static final long MAX_KIB = 1L << 30;

    private BufferReader() {
    }

    static Optional<BufferSpec> read(String name, Section b, Optional<Long> deviceUram) {
        Optional<Long> kib = b.integer("capacity_kib", v -> v > 0 && v <= MAX_KIB, "must be a positive size in KiB");
        Optional<Long> width = b.integer("width_bits", v -> v >= 1 && v <= 4096, "must be 1..4096 bits per bank");
        Optional<Long> banks = b.integer("banks", v -> v >= 1 && v <= 4096, "must be 1..4096 banks");
        Optional<Boolean> doubled = b.bool("double_buffered");
        Optional<MemoryKind> memory = b.choice("memory", MemoryKind.class);
        if (memory.orElse(null) == MemoryKind.URAM && deviceUram.orElse(1L) == 0) {
            b.report("memory", "the device has no URAM; use bram");
        }
        if (kib.isPresent() && width.isPresent() && banks.isPresent()
                && kib.get() * 1024 * 8 < width.get() * banks.get() * (doubled.orElse(false) ? 2 : 1)) {
            b.report("capacity_kib", "holds less than one word per bank"
                    + (doubled.orElse(false) ? " in each half" : "") + " (banks × width_bits)");
        }
        if (!b.clean()) {
            return Optional.empty();
        }
        return Optional.of(new BufferSpec(name, kib.orElseThrow() * 1024, Math.toIntExact(width.orElseThrow()),
                Math.toIntExact(banks.orElseThrow()), doubled.orElseThrow(), memory.orElseThrow()));
    }
}
