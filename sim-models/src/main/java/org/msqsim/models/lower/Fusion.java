package org.msqsim.models.lower;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.msqsim.core.mapping.OutputStage;
import org.msqsim.core.mapping.PoolRows;
import org.msqsim.core.spec.AcceleratorSpec;
import org.msqsim.core.spec.FusionSpec;
import org.msqsim.models.graph.Network;
import org.msqsim.models.graph.Node;
import org.msqsim.models.layer.Add;
import org.msqsim.models.layer.Conv2d;
import org.msqsim.models.layer.Layer;
import org.msqsim.models.layer.MaxPool2d;

/**
 * Which element-wise layers of a network the design fuses into a convolution's output stage
 * ({@link FusionSpec}, issue 13 point 3), decided once per network run. A layer is fused into
 * convolution {@code c} when:
 * <ul>
 *   <li>{@code c} runs on the GEMM cores with one group (a grouped or depthwise convolution's
 *       groups are separate GEMMs, each holding part of the channels), and its output is read by
 *       this layer only and is not a network output — so it never needs to reach DDR;</li>
 *   <li>an {@link Add} (any activation: its ReLU clamp is in the same unit): one operand is {@code c},
 *       the other (the skip) is the network input or a layer that runs before {@code c}, so it is in
 *       DDR when {@code c}'s stores read it. When both operands qualify, the later one is fused (the
 *       earlier one is then in DDR);</li>
 *   <li>a {@link MaxPool2d} over {@code c}'s output whose open pooled rows fit the pool unit's row
 *       buffer ({@link PoolRows#rowBufferBytes} for all of {@code c}'s channels ≤
 *       {@code pool_buffer_kib}); a larger one runs unfused, as a stream.</li>
 * </ul>
 * Average pools, global pools and every other element-wise layer stay streams. One convolution takes
 * at most one fused layer. Immutable.
 */
public final class Fusion {
    private final Map<String, OutputStage> stages;
    private final Map<String, String> fusedInto;

    private Fusion(Map<String, OutputStage> stages, Map<String, String> fusedInto) {
        this.stages = Map.copyOf(stages);
        this.fusedInto = Map.copyOf(fusedInto);
    }

    /** Nothing fused. */
    public static Fusion none() {
        return new Fusion(Map.of(), Map.of());
    }

    /** The fusion {@code spec}'s {@link FusionSpec} allows on {@code net}, lowered by {@code lowering}. */
    public static Fusion plan(Network net, AcceleratorSpec spec, Lowering lowering) {
        FusionSpec f = spec.fusion();
        if (!f.any()) {
            return none();
        }
        List<Node> nodes = net.nodes();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> readers = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).name(), i);
            for (String in : nodes.get(i).inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        List<String> outputs = net.outputs();
        Map<String, OutputStage> stages = new HashMap<>();
        Map<String, String> fused = new HashMap<>();
        for (Node n : nodes) {
            Optional<String> producer = Optional.empty();
            OutputStage stage = OutputStage.NONE;
            if (f.add() && n.layer() instanceof Add) {
                String a = n.inputs().get(0);
                String b = n.inputs().get(1);
                // the operand computed later is the candidate: the other is then already in DDR
                String c = order(a, index) >= order(b, index) ? a : b;
                String skip = c.equals(a) ? b : a;
                if (fusable(c, net, index, readers, outputs, lowering, stages) && order(skip, index) < order(c, index)) {
                    producer = Optional.of(c);
                    stage = new OutputStage(true, Optional.empty());
                }
            } else if (f.pool() && n.layer() instanceof MaxPool2d p) {
                String c = n.inputs().get(0);
                if (fusable(c, net, index, readers, outputs, lowering, stages)) {
                    Conv2d conv = (Conv2d) net.node(c).layer();
                    PoolRows rows = new PoolRows(p.r(), p.s(), p.stride(), p.pad(), conv.outH(), conv.outW(),
                            p.outputShape().h(), p.outputShape().w());
                    if (rows.rowBufferBytes(conv.k(), spec.activationBits()) <= f.poolBufferKib() * 1024L) {
                        producer = Optional.of(c);
                        stage = new OutputStage(false, Optional.of(rows));
                    }
                }
            }
            if (producer.isPresent()) {
                stages.put(producer.get(), stage);
                fused.put(n.name(), producer.get());
            }
        }
        return new Fusion(stages, fused);
    }

    private static boolean fusable(String c, Network net, Map<String, Integer> index, Map<String, Integer> readers,
                                   List<String> outputs, Lowering lowering, Map<String, OutputStage> taken) {
        if (c.equals(Network.INPUT) || !index.containsKey(c) || taken.containsKey(c)) {
            return false;
        }
        Layer l = net.node(c).layer();
        return l instanceof Conv2d conv && conv.groups() == 1 && !lowering.onDepthwiseEngine(conv)
                && readers.getOrDefault(c, 0) == 1 && !outputs.contains(c);
    }

    /** Where a tensor is produced in execution order: the network input first (−1). */
    private static int order(String tensor, Map<String, Integer> index) {
        return tensor.equals(Network.INPUT) ? -1 : index.get(tensor);
    }

    /** The output stage of layer {@code name}: what it fuses, or {@link OutputStage#NONE}. */
    public OutputStage stageOf(String name) {
        return stages.getOrDefault(name, OutputStage.NONE);
    }

    /** The convolution layer {@code name} is fused into, if it is. */
    public Optional<String> fusedInto(String name) {
        return Optional.ofNullable(fusedInto.get(name));
    }

    /** Layers fused, by the convolution each is fused into. */
    public int size() {
        return fusedInto.size();
    }
}
