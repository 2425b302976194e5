package org.msqsim.models.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msqsim.models.golden.FloatReference;

/**
 * msqsim's float path on an imported network against ONNX Runtime's, on the same seeded input:
 * every output element within 1e-4 relative (of the element; of 1e-3 of the output's largest
 * magnitude, or of {@link #FLOOR}, for elements near zero).
 */
class FloatVsOnnxRuntimeTest {
    static final double TOLERANCE = 1e-4;
    /**
     * Below this magnitude an output is compared absolutely: the detector's sigmoid gives values near
     * 1e-9 on a random input (and below 1e-3 on most pixels), where ONNX Runtime's float32 sigmoid (a clamped approximation) and
     * msqsim's double one differ in relative terms while both are zero to the application.
     */
    static final double FLOOR = 1e-3;

    @Test
    void classifierMatchesOnnxRuntime() throws OrtException {
        double err = compare(Models.CLASSIFIER, Models.classifier(), new long[] {1, 3, 48, 192});
        System.out.printf("classifier: max relative error %.3g%n", err);
        assertTrue(err <= TOLERANCE, "max relative error " + err);
    }

    @Test
    void detectorMatchesOnnxRuntime() throws OrtException {
        double err = compare(Models.DETECTOR, Models.detector(96, 128), new long[] {1, 3, 96, 128});
        System.out.printf("detector: max relative error %.3g%n", err);
        assertTrue(err <= TOLERANCE, "max relative error " + err);
    }

    /** The largest relative difference over every output element. */
    static double compare(String file, ImportedNetwork net, long[] shape) throws OrtException {
        int n = (int) (shape[1] * shape[2] * shape[3]);
        Random rnd = new Random(14);
        float[] x = new float[n];
        double[] xd = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
            xd[i] = x[i];
        }
        Map<String, double[]> ours = new FloatReference(net::weights, net::bias).run(net.network(), xd);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double worst = 0;
        try (OrtSession s = env.createSession(Models.path(file).toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = s.run(Map.of(net.inputName(), t))) {
            for (Map.Entry<String, String> o : net.outputs().entrySet()) {
                OnnxTensor ot = (OnnxTensor) r.get(o.getKey()).orElseThrow();
                FloatBuffer fb = ot.getFloatBuffer();
                double[] mine = ours.get(o.getValue());
                double scale = 0;
                for (int i = 0; i < mine.length; i++) {
                    scale = Math.max(scale, Math.abs(fb.get(i)));
                }
                assertTrue(fb.remaining() == mine.length, "output " + o.getKey() + " sizes");
                for (int i = 0; i < mine.length; i++) {
                    double ref = fb.get(i);
                    double d = Math.abs(mine[i] - ref) / Math.max(Math.abs(ref), Math.max(1e-3 * scale, FLOOR));
                    worst = Math.max(worst, d);
                }
            }
        }
        return worst;
    }
}
