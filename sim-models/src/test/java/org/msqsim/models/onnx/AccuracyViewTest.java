package org.msqsim.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msqsim.models.exec.AccuracyRunner;
import org.msqsim.models.exec.AccuracyView;
import org.msqsim.models.exec.WeightSource;
import org.msqsim.models.io.InputTensor;

/** The accuracy view on an imported classifier: more bits, less noise; classifiers detected; shapes right. */
class AccuracyViewTest {
    @Test
    void eightBitsBeatFourOnEveryScheme() {
        ImportedNetwork imp = OnnxImporter.read(Path.of("cifar_net.onnx"), PyTorchLayoutTest.cifarNet(),
                Optional.empty());
        List<AccuracyRunner.Setting> settings = List.of(new AccuracyRunner.Setting("msq4", 0.3, 4),
                new AccuracyRunner.Setting("fixed4", 0, 4), new AccuracyRunner.Setting("sp2_4", 1, 4),
                new AccuracyRunner.Setting("msq8", 0.3, 8), new AccuracyRunner.Setting("fixed8", 0, 8),
                new AccuracyRunner.Setting("sp2_8", 1, 8));
        AccuracyView v = AccuracyView.measure(imp.network(), WeightSource.given(imp.weights(), imp.biases(), 1),
                settings, i -> InputTensor.seeded(imp.network().input(), 7 + i), 8);
        assertTrue(v.classifier());
        assertEquals(imp.network().nodes().size(), v.layers().size());
        for (int s = 0; s < 3; s++) {
            assertTrue(v.outputSqnrDb()[s + 3] > v.outputSqnrDb()[s] + 6, "8 bits over 4 bits, setting " + s);
        }
        // the first layer sees the quantized input and its own weights only: fixed-point at 8 bits is close
        assertTrue(v.layers().get(0).sqnrDb()[4] > 30, "conv1 at 8 bits: " + v.layers().get(0).sqnrDb()[4]);
        for (double a : v.top1Agreement()) {
            assertTrue(a >= 0 && a <= 1);
        }
        assertTrue(v.top1Agreement()[4] >= 0.75, "top-1 agreement at 8-bit fixed " + v.top1Agreement()[4]);
    }
}
