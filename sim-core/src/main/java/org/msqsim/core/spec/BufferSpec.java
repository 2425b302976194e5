package org.msqsim.core.spec;

/**
 * An on-chip buffer.
 *
 * @param name           e.g. {@code input}
 * @param capacityBytes  usable bytes in all; with double buffering each half holds half of it
 * @param widthBits      width of one bank's port: bits read or written per cycle per bank
 * @param banks          independent banks (the port shape is banks × widthBits per cycle)
 * @param doubleBuffered ping-pong halves: one is filled while the other is read
 * @param memory         BRAM or URAM
 */
public record BufferSpec(String name, long capacityBytes, int widthBits, int banks, boolean doubleBuffered,
                         MemoryKind memory) {
    public BufferSpec {
        Specs.require(name != null && !name.isBlank(), "buffer.name", name, "is required");
        Specs.require(capacityBytes > 0, name + ".capacity_kib", capacityBytes, "must be positive");
        Specs.require(widthBits > 0 && widthBits <= 4096, name + ".width_bits", widthBits, "must be 1..4096");
        Specs.require(banks > 0 && banks <= 4096, name + ".banks", banks, "must be 1..4096");
        Specs.require(memory != null, name + ".memory", memory, "is required");
    }

    /** This buffer holding {@code bytes} in all. */
    public BufferSpec withCapacityBytes(long bytes) {
        return new BufferSpec(name, bytes, widthBits, banks, doubleBuffered, memory);
    }

    /** This buffer with {@code bits}-bit bank ports. */
    public BufferSpec withWidthBits(int bits) {
        return new BufferSpec(name, capacityBytes, bits, banks, doubleBuffered, memory);
    }

    /** This buffer in {@code n} banks (the capacity unchanged: set it after when it scales with them). */
    public BufferSpec withBanks(int n) {
        return new BufferSpec(name, capacityBytes, widthBits, n, doubleBuffered, memory);
    }

    /** Bytes one half may hold (all of it when not double-buffered). */
    public long halfBytes() {
        return doubleBuffered ? capacityBytes / 2 : capacityBytes;
    }
}
