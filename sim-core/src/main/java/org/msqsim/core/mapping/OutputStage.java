package org.msqsim.core.mapping;

import java.util.Optional;

/**
 * What a GEMM's output stage does besides requantizing (issue 13 point 3, {@code FusionSpec}): with
 * {@code skip}, a residual add is fused — each output tile's store reads the same tile of the skip
 * tensor as one more DDR stream and writes the sum; with {@code pool}, a max pool is fused — each
 * store writes the pooled outputs its pixels completed ({@link PoolRows}). {@link #NONE}: the store
 * writes the tile as it is. Only timing and traffic depend on it; the values are the layers' own.
 */
public record OutputStage(boolean skip, Optional<PoolRows> pool) {
    /** A plain output stage: requantize and store. */
    public static final OutputStage NONE = new OutputStage(false, Optional.empty());

    public OutputStage {
        if (pool == null) {
            throw new IllegalArgumentException("pool is Optional.empty() when no pool is fused");
        }
    }

    /** Output elements an output tile of {@code rows} channels over pixels {@code [n0, n0 + tn)} stores. */
    public long storeElements(int rows, int n0, int tn) {
        if (pool.isEmpty()) {
            return (long) rows * tn;
        }
        PoolRows p = pool.get();
        return rows * (p.pooledDone(n0 + (long) tn) - p.pooledDone(n0));
    }

    /** Skip-tensor elements the store of that tile reads (its own shape: an add's inputs are alike). */
    public long skipElements(int rows, int tn) {
        return skip ? (long) rows * tn : 0;
    }

    /** Stored outputs per GEMM output, over the whole GEMM of {@code n} pixels: the pool's reduction, or 1. */
    public double storeRatio(int n) {
        return pool.map(p -> p.pooledDone(n) / (double) n).orElse(1.0);
    }
}
