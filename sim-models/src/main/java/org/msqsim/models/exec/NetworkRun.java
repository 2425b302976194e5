package org.msqsim.models.exec;

import java.util.List;
import org.msqsim.models.graph.Network;

/**
 * A whole network run: per-layer results in execution order and the totals.
 *
 * @param checked        values were computed and compared with the golden network
 * @param outputsMatch   every output of the final layer equals the golden network's
 */
public record NetworkRun(Network network, double sp2Fraction, List<LayerResult> layers, boolean checked,
                         boolean outputsMatch) {
    public NetworkRun {
        layers = List.copyOf(layers);
    }

    public long latencyPs() {
        return layers.stream().mapToLong(LayerResult::latencyPs).sum();
    }

    public long macs() {
        return layers.stream().mapToLong(LayerResult::macs).sum();
    }

    public long ddrBytes() {
        return layers.stream().mapToLong(LayerResult::ddrBytes).sum();
    }

    public long overflows() {
        return layers.stream().mapToLong(LayerResult::overflows).sum();
    }

    public long mismatches() {
        return layers.stream().mapToLong(l -> Math.max(0, l.mismatches())).sum();
    }

    public boolean bitExact() {
        return checked && outputsMatch && mismatches() == 0;
    }
}
