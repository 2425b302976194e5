package org.msqsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One command whose output is pinned by a golden file: the arguments it runs with, the forms the
 * README shows it in (where a worked example prints it), and the files it writes beside its output.
 * The recorded text is stdout, then (only when there is any) the exit code and stderr, with the one
 * line that depends on the machine (explore's designs per second) reduced to what does not.
 */
record GoldenCase(String file, List<String> args, List<List<String>> shownAs, List<Artifact> artifacts) {
    /** A file the command writes, compared with {@code golden/<goldenFile>}. */
    record Artifact(Path written, String goldenFile) {
    }

    static final List<String> MODELS = List.of("resnet18", "resnet50", "resnet50_v1", "mobilenet_v1", "mobilenet_v2", "vgg16",
            "cifar_net", "lenet_300_100");
    static final List<String> BOARDS = List.of("pynq-z2", "zedboard", "ultra96-v2", "kv260", "zc706", "zcu104", "zcu102", "u250");

    /**
     * Whether this case derives a board's default design ({@code explore --derive-default}): eight full
     * searches, about 12 minutes on two cores, so they run when the golden files are rewritten
     * ({@code -Dgolden.update=true}) or asked for ({@code -Dgolden.derive=true}), not in every build. A
     * model change that moves a derived default moves the timing golden files of every board too, and
     * their regeneration re-derives the defaults, which {@code DefaultsAreDerivedTest} (every build)
     * then holds the board files to.
     */
    boolean derivation() {
        return file.startsWith("explore/") && file.endsWith("-default.txt");
    }

    static GoldenCase of(String file, String... args) {
        return new GoldenCase(file, List.of(args), List.of(List.of(args)), List.of());
    }

    static List<GoldenCase> all() {
        List<GoldenCase> cases = new ArrayList<>();
        // The README's worked examples.
        cases.add(of("readme/run.txt", "run"));
        cases.add(of("readme/run-layer.txt", "run", "--layer", "conv:56x56x64->64,3x3,s1,p1"));
        cases.add(of("readme/run-scalesim-resnet18.txt", "run", "--scalesim-cfg", "claims/scalesim/scale_32x32_os.cfg",
                "--scalesim-topology", "claims/scalesim/resnet18.csv"));
        cases.add(of("readme/run-onnx-classifier.txt", "run", "--model",
                "sim-models/src/test/resources/onnx/ch_ppocr_mobile_v2.0_cls_infer.onnx", "--input-shape", "1x3x48x192"));
        cases.add(of("readme/run-onnx-detector-zcu104.txt", "run", "--board", "zcu104", "--model",
                "sim-models/src/test/resources/onnx/ch_PP-OCRv4_det_infer.onnx", "--input-shape", "1x3x640x640",
                "--timing-only"));
        cases.add(of("readme/accuracy-onnx-classifier.txt", "accuracy", "--model",
                "sim-models/src/test/resources/onnx/ch_ppocr_mobile_v2.0_cls_infer.onnx", "--input-shape", "1x3x48x192",
                "--inputs", "20"));
        cases.add(of("readme/run-dpu-b4096-resnet18.txt", "run", "--board", "zcu102", "--design", "dpu-b4096",
                "--clock-mhz", "287", "--model", "resnet18", "--bits", "8", "--sp2-fraction", "0", "--timing-only"));
        cases.add(of("readme/validate-packing.txt", "validate", "claims/packing.yaml"));
        cases.add(of("readme/validate-wrong.txt", "validate", "claims/examples/wrong.yaml"));
        cases.add(of("readme/validate-known-miss.txt", "validate", "claims/examples/known-miss.yaml"));
        cases.add(of("readme/quantize-weights.txt", "quantize", "--weights",
                "examples/weights/mobilenet_v2.block_5_expand__kernel.npy", "--summary"));
        // explore's summaries, the ZC706 one with the best design saved, and that design run bit-exactly.
        Path saved = Path.of("cli/target/golden/zc706-best.yaml");
        cases.add(new GoldenCase("explore/zc706.txt",
                List.of("explore", "--board", "zc706", "--save-best", saved.toString()),
                List.of(List.of("explore", "--board", "zc706", "--save-best", "zc706-best.yaml"),
                        List.of("explore", "--board", "zc706")),
                List.of(new Artifact(saved, "explore/zc706-best.yaml"))));
        cases.add(new GoldenCase("explore/zc706-best-run.txt",
                List.of("run", "--board", "golden/explore/zc706-best.yaml"),
                List.of(List.of("run", "--board", "zc706-best.yaml")), List.of()));
        // Each board's default design, derived by the documented rule (DefaultsAreDerivedTest holds the
        // board files to these).
        for (String b : BOARDS) {
            Path derived = Path.of("cli/target/golden/" + b + "-default.yaml");
            cases.add(new GoldenCase("explore/" + b + "-default.txt",
                    List.of("explore", "--board", b, "--derive-default", derived.toString()),
                    List.of(List.of("explore", "--board", b, "--derive-default", b + ".yaml")),
                    List.of(new Artifact(derived, "explore/" + b + "-default.yaml"))));
        }
        // The listings and the other shipped claims.
        cases.add(of("boards.txt", "boards"));
        cases.add(of("boards.json", "boards", "--format", "json"));
        cases.add(of("models.txt", "models"));
        for (String m : MODELS) {
            cases.add(of("models/" + m + ".txt", "models", m));
        }
        cases.add(of("quantize.txt", "quantize"));
        cases.add(of("quantize.json", "quantize", "--format", "json"));
        for (String claims : List.of("boards", "models", "scalesim", "hardware")) {
            cases.add(of("validate/" + claims + ".txt", "validate", "claims/" + claims + ".yaml"));
        }
        cases.add(of("run/cifar_net-pynq-z2.txt", "run", "--model", "cifar_net", "--board", "pynq-z2"));
        cases.add(of("run/mobilenet_v2-zc706.txt", "run", "--model", "mobilenet_v2", "--board", "zc706"));
        cases.add(of("run/mobilenet_v1-zcu102.txt", "run", "--model", "mobilenet_v1", "--board", "zcu102"));
        // Every built-in model on every built-in board, timing-only.
        for (String m : MODELS) {
            for (String b : BOARDS) {
                cases.add(of("timing/" + m + "-" + b + ".json", "run", "--model", m, "--board", b, "--timing-only",
                        "--format", "json"));
            }
        }
        return cases;
    }

    /** Runs the command in-process and returns the text its golden file holds. */
    String record() throws IOException {
        for (Artifact a : artifacts) {
            Files.createDirectories(a.written().getParent());
            Files.deleteIfExists(a.written());
        }
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        StringBuilder text = new StringBuilder(stable(r.out()));
        if (r.code() != 0 || !r.err().isEmpty()) {
            text.append("--- exit ").append(r.code()).append('\n');
            text.append("--- stderr\n").append(stable(r.err()));
        }
        return text.toString();
    }

    /** stdout alone, as the README shows it (the recorded text up to its exit-code trailer). */
    static String stdoutOf(String recorded) {
        int trailer = recorded.indexOf("--- exit ");
        return trailer < 0 ? recorded : recorded.substring(0, trailer);
    }

    /** The exit code a recorded text holds (0 when it has no trailer). */
    static int exitOf(String recorded) {
        int trailer = recorded.indexOf("--- exit ");
        if (trailer < 0) {
            return 0;
        }
        int end = recorded.indexOf('\n', trailer);
        return Integer.parseInt(recorded.substring(trailer + "--- exit ".length(), end));
    }

    private static String stable(String s) {
        return s.replaceAll("(evaluated [0-9,]+ designs) in [0-9.]+ s on [0-9]+ threads?: [0-9,]+ designs/s",
                "$1 in (time) on (threads): (rate) designs/s");
    }

    @Override
    public String toString() {
        return file;
    }
}
