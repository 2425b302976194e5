package org.msqsim.models.layer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the command line's layer forms: {@code gemm:MxNxK} (C[M×N] = W[M×K]·X[K×N]) and
 * {@code conv:HxWxC->K,RxS,sS,pP} (stride and padding optional, default 1 and 0).
 */
public final class LayerParser {
    private static final Pattern GEMM = Pattern.compile("gemm:(\\d{1,6})x(\\d{1,6})x(\\d{1,6})");
    private static final Pattern CONV = Pattern.compile(
            "conv:(\\d{1,5})x(\\d{1,5})x(\\d{1,5})->(\\d{1,5}),(\\d{1,2})x(\\d{1,2})(?:,s(\\d{1,2}))?(?:,p(\\d{1,2}))?");

    private LayerParser() {
    }

    /**
     * The layer a string describes.
     *
     * @throws IllegalArgumentException with a message that quotes the text and shows both forms
     */
    public static Layer parse(String text) {
        String t = text.strip();
        try {
            Matcher g = GEMM.matcher(t);
            if (g.matches()) {
                return new Gemm("gemm", Integer.parseInt(g.group(1)), Integer.parseInt(g.group(2)),
                        Integer.parseInt(g.group(3)));
            }
            Matcher c = CONV.matcher(t);
            if (c.matches()) {
                return new Conv2d("conv", Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)),
                        Integer.parseInt(c.group(3)), Integer.parseInt(c.group(4)), Integer.parseInt(c.group(5)),
                        Integer.parseInt(c.group(6)), c.group(7) == null ? 1 : Integer.parseInt(c.group(7)),
                        c.group(8) == null ? 0 : Integer.parseInt(c.group(8)));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("layer '" + text + "' is neither gemm:MxNxK (e.g. gemm:512x512x512) nor "
                + "conv:HxWxC->K,RxS,sS,pP (e.g. conv:56x56x64->64,3x3,s1,p1)");
    }
}
