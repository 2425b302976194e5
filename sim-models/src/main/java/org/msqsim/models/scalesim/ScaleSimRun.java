package org.msqsim.models.scalesim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.msqsim.core.spec.InvalidSpecException;

/**
 * SCALE-Sim's own inputs, run: the configuration and topology, and per layer the compute cycles by
 * SCALE-Sim's conventions ({@link ScaleSimCompute}) beside msqsim's native count on the equivalent
 * array ({@link NativeCycles}).
 *
 * @param configSource   where the configuration came from (its file, as named)
 * @param topologySource where the topology came from
 * @param config         the configuration
 * @param layers         the topology's layers, in order
 * @param cycles         SCALE-Sim's count, one per layer
 * @param nativeCycles   msqsim's native count, one per layer; empty where msqsim has no such dataflow
 */
public record ScaleSimRun(String configSource, String topologySource, ScaleSimConfig config,
                          List<ScaleSimLayer> layers, List<LayerCycles> cycles, List<OptionalLong> nativeCycles) {

    public ScaleSimRun {
        layers = List.copyOf(layers);
        cycles = List.copyOf(cycles);
        nativeCycles = List.copyOf(nativeCycles);
    }

    /** Runs {@code layers} on the array {@code config} describes. */
    public static ScaleSimRun of(String configSource, String topologySource, ScaleSimConfig config,
                                 List<ScaleSimLayer> layers) {
        return new ScaleSimRun(configSource, topologySource, config, layers, ScaleSimCompute.run(config, layers),
                layers.stream().map(l -> NativeCycles.of(config, l)).toList());
    }

    /**
     * Reads a configuration file and a topology file of the given form, and runs them.
     *
     * @throws InvalidSpecException naming a missing file, or listing every problem of the first file
     *                              that has any
     */
    public static ScaleSimRun read(Path config, Path topology, ScaleSimTopology.Form form) {
        for (Path p : new Path[] {config, topology}) {
            if (!Files.isRegularFile(p)) {
                throw new InvalidSpecException(List.of(p + ": no such file"));
            }
        }
        ScaleSimConfig c = ScaleSimConfigReader.read(config);
        return of(config.toString(), topology.toString(), c, ScaleSimTopology.read(topology, form));
    }

    /** Total compute cycles by SCALE-Sim's conventions. */
    public long totalCycles() {
        return ScaleSimCompute.totalCycles(cycles);
    }

    /** Total cycles by msqsim's native model; empty where msqsim has no such dataflow. */
    public OptionalLong nativeTotal() {
        return NativeCycles.total(config, layers);
    }
}
