package org.msqsim.models.tensor;

/**
 * A 128-bit digest of a float array's bit patterns: the MurmurHash3 x64 128-bit mixing (Austin
 * Appleby, public domain, {@code MurmurHash3_x64_128} of smhasher's {@code MurmurHash3.cpp}) over the
 * floats taken four at a time as two 64-bit lanes, with the length folded in at the end. Not
 * cryptographic: it names a weight matrix's content for a cache, where an accidental collision of two
 * 128-bit digests is the only risk, and it runs at memory speed (a few ms for ResNet-18's 11 M
 * weights), unlike SHA-256.
 */
final class ContentDigest {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private ContentDigest() {
    }

    /** The digest as 32 lowercase hex digits. */
    static String hex(float[] data, long seed) {
        long h1 = seed;
        long h2 = seed;
        int n = data.length;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long k1 = (Float.floatToRawIntBits(data[i]) & 0xffffffffL)
                    | ((long) Float.floatToRawIntBits(data[i + 1]) << 32);
            long k2 = (Float.floatToRawIntBits(data[i + 2]) & 0xffffffffL)
                    | ((long) Float.floatToRawIntBits(data[i + 3]) << 32);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        // The tail (up to three floats), mixed as MurmurHash3 mixes its last partial block.
        long k1 = 0;
        long k2 = 0;
        if (i + 2 < n) {
            k2 = Float.floatToRawIntBits(data[i + 2]) & 0xffffffffL;
        }
        if (i + 1 < n) {
            k1 = (long) Float.floatToRawIntBits(data[i + 1]) << 32;
        }
        if (i < n) {
            k1 |= Float.floatToRawIntBits(data[i]) & 0xffffffffL;
        }
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        k2 *= C1;
        h2 ^= k2;
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        k1 *= C2;
        h1 ^= k1;
        long len = 4L * n;
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return String.format("%016x%016x", h1, h2);
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
