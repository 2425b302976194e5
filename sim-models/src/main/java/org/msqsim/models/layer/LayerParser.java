package org.msqsim.models.layer;

import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the command-line forms of layers, the strings {@link Layer#describe()} writes:
 * <pre>
 *   gemm:MxNxK[,bias][,relu|,relu6]                       C[M×N] = W[M×K]·X[K×N]
 *   dense:IN->OUT[,bias][,relu|,relu6]                    fully connected
 *   conv:HxWxC->K,RxS[,sS][,pP][,gG][,bias][,relu|,relu6] stride 1, pad 0, groups 1 by default
 *   maxpool:HxWxC,RxS[,sS][,pP]                           stride R (PyTorch's default), pad 0
 *   avgpool:HxWxC,RxS[,sS][,pP]
 *   gap:HxWxC                                             global average pool
 *   add:HxWxC[,relu|,relu6]                               residual add of two inputs
 * </pre>
 * Optional parts, where present, come in the order shown.
 */
public final class LayerParser {
    /** Largest number a layer's text may hold (any dimension, stride, pad or group count). */
    public static final int MAX_NUMBER = 9_999_999;
    /** Any run of digits: a number over {@link #MAX_NUMBER} is "too large", not an unknown form. */
    private static final String N = "(\\d+)";
    private static final String HWC = N + "x" + N + "x" + N;
    private static final String WINDOW = N + "x" + N + "(?:,s" + N + ")?(?:,p" + N + ")?";
    private static final String TAIL = "(?:,(bias))?(?:,(relu6|relu))?";

    /** One form: its syntax for messages, its pattern, and how a match becomes a layer. */
    private record Form(String syntax, Pattern pattern, BiFunction<String, Matcher, Layer> make) {
        Form(String syntax, String regex, BiFunction<String, Matcher, Layer> make) {
            this(syntax, Pattern.compile(regex), make);
        }
    }

    private static final List<Form> FORMS = List.of(
            new Form("gemm:MxNxK[,bias][,relu|,relu6]", "(gemm):" + N + "x" + N + "x" + N + TAIL,
                    (name, m) -> new Gemm(name, i(m, 2), i(m, 3), i(m, 4), m.group(5) != null, act(m, 6))),
            new Form("dense:IN->OUT[,bias][,relu|,relu6]", "(dense):" + N + "->" + N + TAIL,
                    (name, m) -> new Dense(name, i(m, 2), i(m, 3), m.group(4) != null, act(m, 5))),
            new Form("conv:HxWxC->K,RxS[,sS][,pP][,gG][,bias][,relu|,relu6]", "(conv):" + HWC + "->" + N + "," + WINDOW + "(?:,g" + N + ")?" + TAIL,
                    (name, m) -> new Conv2d(name, i(m, 2), i(m, 3), i(m, 4), i(m, 5), i(m, 6), i(m, 7),
                            i(m, 8, 1), i(m, 9, 0), i(m, 10, 1), m.group(11) != null, act(m, 12))),
            new Form("maxpool:HxWxC,RxS[,sS][,pP]", "(maxpool):" + HWC + "," + WINDOW,
                    (name, m) -> new MaxPool2d(name, shape(m), i(m, 5), i(m, 6), i(m, 7, i(m, 5)), i(m, 8, 0))),
            new Form("avgpool:HxWxC,RxS[,sS][,pP]", "(avgpool):" + HWC + "," + WINDOW,
                    (name, m) -> new AvgPool2d(name, shape(m), i(m, 5), i(m, 6), i(m, 7, i(m, 5)), i(m, 8, 0))),
            new Form("gap:HxWxC", "(gap):" + HWC, (name, m) -> new GlobalAvgPool(name, shape(m))),
            new Form("add:HxWxC[,relu|,relu6]", "(add):" + HWC + "(?:,(relu6|relu))?",
                    (name, m) -> new Add(name, shape(m), act(m, 5))));

    private LayerParser() {
    }

    /** The layer a string describes, named after its kind ({@code "conv"}, {@code "gemm"}, ...). */
    public static Layer parse(String text) {
        return parse(null, text);
    }

    /**
     * The layer a string describes, with the given name (or its kind's name when {@code name} is null).
     *
     * @throws IllegalArgumentException with a message that quotes the text and shows every form
     */
    public static Layer parse(String name, String text) {
        return parse(name, text, FORMS, syntax());
    }

    /**
     * A layer that lowers to one GEMM — {@code gemm}, {@code dense} or {@code conv} with one group — the
     * forms {@code msqsim run --layer} takes.
     *
     * @throws IllegalArgumentException with a message that quotes the text and shows these forms only,
     *     also for a layer of another form (a pool, an add, a grouped convolution)
     */
    public static GemmLayer parseGemm(String text) {
        Layer l = parse(null, text, FORMS.subList(0, 3), gemmSyntax());
        if (!(l instanceof GemmLayer g) || g.groups() != 1) {
            throw new IllegalArgumentException("layer '" + text + "' is not one GEMM; the forms are "
                    + gemmSyntax());
        }
        return g;
    }

    /** The forms {@link #parseGemm} takes, separated by {@code "; "}. */
    public static String gemmSyntax() {
        return String.join("; ", GEMM_SYNTAX);
    }

    private static final List<String> GEMM_SYNTAX = List.of("gemm:MxNxK[,bias][,relu|,relu6]",
            "dense:IN->OUT[,bias][,relu|,relu6]", "conv:HxWxC->K,RxS[,sS][,pP][,bias][,relu|,relu6]");

    private static Layer parse(String name, String text, List<Form> forms, String syntax) {
        String t = text.strip();
        for (Form f : forms) {
            Matcher m = f.pattern().matcher(t);
            if (m.matches()) {
                try {
                    return f.make().apply(name == null ? m.group(1) : name, m);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer '" + text + "': " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException("layer '" + text + "' matches none of the forms " + syntax
                + " (e.g. conv:56x56x64->64,3x3,s1,p1)");
    }

    /** Every form, optional parts in brackets, separated by {@code "; "}. */
    public static String syntax() {
        return FORMS.stream().map(Form::syntax).collect(Collectors.joining("; "));
    }

    private static int i(Matcher m, int group) {
        String digits = m.group(group);
        String plain = digits.replaceFirst("^0+(?=.)", "");
        if (plain.length() > 7 || Integer.parseInt(plain) > MAX_NUMBER) {
            throw new IllegalArgumentException(digits + " is too large: every number in a layer is at most "
                    + String.format("%,d", MAX_NUMBER));
        }
        return Integer.parseInt(plain);
    }

    private static int i(Matcher m, int group, int absent) {
        return m.group(group) == null ? absent : i(m, group);
    }

    private static Shape shape(Matcher m) {
        return new Shape(i(m, 4), i(m, 2), i(m, 3));
    }

    private static Activation act(Matcher m, int group) {
        return Activation.ofSuffix(m.group(group));
    }
}
