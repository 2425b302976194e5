package org.msqsim.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.msqsim.models.graph.Network;
import org.msqsim.models.layer.Shape;

/**
 * Reads an ONNX model file into an {@link ImportedNetwork}: the file parsed and checked (one
 * default-domain opset of 7 to 21, one tensor input, every node input produced somewhere, no cycle),
 * the input shape made static ({@code --input-shape} where the file's is symbolic), then the nodes
 * mapped in topological order by {@link NodeMapper}.
 */
public final class OnnxImporter {
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 21;

    private OnnxImporter() {
    }

    /**
     * @param inputShape the input's {@code N×C×H×W} (N must be 1) where the file leaves dimensions
     *                   symbolic; empty to take the file's
     * @throws OnnxFormatException one line naming the file and what is wrong where
     */
    public static ImportedNetwork read(Path file, Optional<long[]> inputShape) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new OnnxFormatException(file, "no such file");
        } catch (IOException e) {
            throw new OnnxFormatException(file, "cannot read (" + e.getMessage() + ")");
        } catch (OutOfMemoryError e) {
            throw new OnnxFormatException(file, "too large to read into memory");
        }
        return read(file, bytes, inputShape);
    }

    /** {@link #read(Path, Optional)} on the file's bytes ({@code file} names it in messages). */
    public static ImportedNetwork read(Path file, byte[] bytes, Optional<long[]> inputShape) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException(file, "not an ONNX model: the protobuf does not parse (" + oneLine(e) + ")");
        } catch (RuntimeException | StackOverflowError e) {
            throw new OnnxFormatException(file, "not an ONNX model: the protobuf does not parse");
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new OnnxFormatException(file, "not an ONNX model: no graph with nodes (truncated, or another "
                    + "protobuf file?)");
        }
        int opset = opset(file, model);
        GraphProto g = model.getGraph();
        Map<String, TensorProto> inits = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            inits.put(t.getName(), t);
        }
        List<ValueInfoProto> realInputs = g.getInputList().stream().filter(v -> !inits.containsKey(v.getName()))
                .toList();
        if (realInputs.size() != 1) {
            throw new OnnxFormatException(file, "the graph has " + realInputs.size() + " inputs besides its "
                    + "initializers; msqsim imports networks of one image input");
        }
        ValueInfoProto in = realInputs.get(0);
        long[] dims = inputDims(file, in, inputShape);
        List<NodeProto> order = topologicalOrder(file, g, inits.keySet(), in.getName());
        NodeMapper m = new NodeMapper(file, opset, order, g, inits, in.getName(), dims);
        return m.map(name(model, file), description(model, file, dims));
    }

    private static String oneLine(Exception e) {
        String s = String.valueOf(e.getMessage());
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int opset(Path file, ModelProto model) {
        int opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        if (opset < 0 && model.getOpsetImportCount() == 0) {
            opset = 1;
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new OnnxFormatException(file, "opset " + opset + " of the default ONNX domain is not supported "
                    + "(opsets " + MIN_OPSET + " to " + MAX_OPSET + " are)");
        }
        return opset;
    }

    private static long[] inputDims(Path file, ValueInfoProto in, Optional<long[]> given) {
        String what = "input '" + in.getName() + "'";
        if (!in.getType().hasTensorType()) {
            throw new OnnxFormatException(file, what + " is not a tensor");
        }
        TensorShapeProto shape = in.getType().getTensorType().getShape();
        int rank = shape.getDimCount();
        long[] fileDims = new long[rank];
        boolean symbolic = false;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            fileDims[i] = d.hasDimValue() ? d.getDimValue() : -1;
            symbolic |= fileDims[i] < 1;
            text.append(i == 0 ? "" : "x").append(fileDims[i] < 1 ? (d.hasDimParam() ? d.getDimParam() : "?")
                    : String.valueOf(fileDims[i]));
        }
        long[] dims;
        if (given.isPresent()) {
            dims = given.get();
            if (dims.length != rank && rank != 0) {
                throw new OnnxFormatException(file, "--input-shape has " + dims.length + " dimensions, " + what
                        + " has " + rank + " (" + text + ")");
            }
            for (int i = 0; i < rank; i++) {
                if (fileDims[i] > 0 && fileDims[i] != dims[i]) {
                    throw new OnnxFormatException(file, "--input-shape dimension " + i + " is " + dims[i] + " but "
                            + what + " fixes it at " + fileDims[i] + " (" + text + ")");
                }
            }
        } else if (symbolic || rank == 0) {
            throw new OnnxFormatException(file, what + " has a dynamic shape " + text + "; give its shape with "
                    + "--input-shape, e.g. --input-shape 1x3x224x224");
        } else {
            dims = fileDims;
        }
        if (dims.length != 4 || dims[0] != 1) {
            throw new OnnxFormatException(file, what + " must be one image, 1xCxHxW; it is "
                    + String.join("x", java.util.Arrays.stream(dims).mapToObj(Long::toString).toList()));
        }
        for (long d : dims) {
            if (d < 1 || d > 1 << 20) {
                throw new OnnxFormatException(file, what + ": dimension " + d + " is out of range 1..1048576");
            }
        }
        return dims;
    }

    /**
     * The nodes in an order where each comes after the producers of its inputs (Kahn's algorithm,
     * keeping the file's order where it can): a missing input or a cycle is an error naming a node.
     */
    private static List<NodeProto> topologicalOrder(Path file, GraphProto g, Set<String> inits, String input) {
        Map<String, Integer> producer = new HashMap<>();
        List<NodeProto> nodes = g.getNodeList();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).getOutputList()) {
                if (!o.isEmpty() && (producer.put(o, i) != null || inits.contains(o) || o.equals(input))) {
                    throw new OnnxFormatException(file, "value '" + o + "' is produced twice (again by node "
                            + describe(nodes.get(i)) + ")");
                }
            }
        }
        int[] waiting = new int[nodes.size()];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            Set<Integer> seen = new HashSet<>();
            for (String in : nodes.get(i).getInputList()) {
                if (in.isEmpty() || inits.contains(in) || in.equals(input)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw new OnnxFormatException(file, "node " + describe(nodes.get(i)) + ": input '" + in
                            + "' is not produced by any node, initializer or graph input");
                }
                if (seen.add(p)) {
                    waiting[i]++;
                    consumers.get(p).add(i);
                }
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int c : consumers.get(i)) {
                if (--waiting[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != nodes.size()) {
            for (int i = 0; i < nodes.size(); i++) {
                if (waiting[i] > 0) {
                    throw new OnnxFormatException(file, "the graph has a cycle through node " + describe(nodes.get(i)));
                }
            }
        }
        for (ValueInfoProto o : g.getOutputList()) {
            if (!producer.containsKey(o.getName())) {
                throw new OnnxFormatException(file, "graph output '" + o.getName() + "' is not produced by any node");
            }
        }
        return order;
    }

    static String describe(NodeProto n) {
        String name = n.getName().isEmpty() ? (n.getOutputCount() > 0 ? n.getOutput(0) : "?") : n.getName();
        return "'" + name + "' (" + n.getOpType() + ")";
    }

    private static String name(ModelProto model, Path file) {
        String f = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String base = f.endsWith(".onnx") ? f.substring(0, f.length() - 5) : f;
        return base.isBlank() ? "onnx" : base;
    }

    private static String description(ModelProto model, Path file, long[] dims) {
        String producer = model.getProducerName().isEmpty() ? "" : ", exported by " + model.getProducerName()
                + (model.getProducerVersion().isEmpty() ? "" : " " + model.getProducerVersion());
        return "ONNX " + file + producer + ", input " + dims[1] + "x" + dims[2] + "x" + dims[3];
    }

    /** The network's input shape from {@code N×C×H×W}. */
    static Shape shape(long[] dims) {
        return new Shape((int) dims[1], (int) dims[2], (int) dims[3]);
    }

    static String inputName() {
        return Network.INPUT;
    }
}
