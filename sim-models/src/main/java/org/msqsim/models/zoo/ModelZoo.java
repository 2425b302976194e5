package org.msqsim.models.zoo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msqsim.models.graph.Network;

/**
 * The built-in networks, an explicit registry in the order {@code msqsim models} lists them. Names
 * are torchvision's builder names where there is one ({@code resnet50_v1} and {@code mobilenet_v1} are
 * not in torchvision). Networks are immutable and built once, when the
 * class is first used (all of them together take well under a millisecond of arithmetic).
 */
public final class ModelZoo {
    private static final Map<String, Network> MODELS = register(
            ResNet.resnet18(),
            ResNet.resnet50(),
            ResNetV1.resnet50(),
            MobileNetV1.build(),
            MobileNetV2.build(),
            Vgg16.build(),
            SmallNets.cifarNet(),
            SmallNets.lenet300100());

    private ModelZoo() {
    }

    private static Map<String, Network> register(Network... networks) {
        Map<String, Network> m = new LinkedHashMap<>();
        for (Network n : networks) {
            if (m.put(n.name(), n) != null) {
                throw new IllegalStateException("two built-in models are named " + n.name());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every built-in network, in registry order. */
    public static List<Network> all() {
        return List.copyOf(MODELS.values());
    }

    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /**
     * The built-in network of that name (case does not matter).
     *
     * @throws IllegalArgumentException naming the unknown model and listing the known ones
     */
    public static Network get(String name) {
        Network n = MODELS.get(name.strip().toLowerCase(Locale.ROOT));
        if (n == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; built-in models are "
                    + String.join(", ", new ArrayList<>(MODELS.keySet())));
        }
        return n;
    }
}
