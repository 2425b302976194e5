package org.msqsim.models.lower;

import java.util.ArrayList;
import java.util.List;
import org.msqsim.core.hw.memory.DdrStream;
import org.msqsim.core.mapping.TileBytes;
import org.msqsim.models.layer.GemmLayer;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.layer.StreamLayer;
import org.msqsim.models.quant.MsqAssigner;

/**
 * Turns a layer into the accelerator work it becomes, for activations of {@code activationBits}:
 * <ul>
 *   <li>a {@link GemmLayer} into one {@link GemmWork} per group (im2col for a convolution; a dense
 *       layer has N = 1). At SP2 fraction F the layer's first {@code round(F·groups·M)} rows go to the
 *       LUT core, group after group, so a grouped layer's SP2 rows fill its first groups;</li>
 *   <li>a {@link StreamLayer} into one {@link StreamWork}: each input tensor read and the output
 *       written, {@code ceil(elements·bits/8)} bytes each.</li>
 * </ul>
 */
public final class Lowering {
    private final int activationBits;

    public Lowering(int activationBits) {
        this.activationBits = activationBits;
    }

    /** The work of {@code l} in execution order. */
    public List<Work> lower(Layer l, double sp2Fraction) {
        if (l instanceof GemmLayer g) {
            return List.copyOf(gemms(g, sp2Fraction));
        }
        return List.of(stream((StreamLayer) l)); // Layer is sealed: a GemmLayer or a StreamLayer
    }

    /** The layer's GEMMs, group by group. */
    public List<GemmWork> gemms(GemmLayer g, double sp2Fraction) {
        int groups = g.groups();
        int m = g.gemmM();
        int lutTotal = MsqAssigner.sp2RowCount(m * groups, sp2Fraction);
        List<GemmWork> works = new ArrayList<>(groups);
        for (int gi = 0; gi < groups; gi++) {
            int lutRows = Math.max(0, Math.min(m, lutTotal - gi * m));
            works.add(new GemmWork(g, gi, m, lutRows, g.gemmK(), g.gemmN()));
        }
        return works;
    }

    /** The layer's stream: its inputs read, its output written. */
    public StreamWork stream(StreamLayer l) {
        long read = 0;
        for (Shape s : l.inputShapes()) {
            read += bytes(s);
        }
        return new StreamWork(l, new DdrStream(read, bytes(l.outputShape())));
    }

    /** A tensor's bytes in DDR, packed densely like a tile's (one byte rule: {@link TileBytes#packed}). */
    private long bytes(Shape s) {
        return TileBytes.packed(s.elements(), activationBits);
    }
}
