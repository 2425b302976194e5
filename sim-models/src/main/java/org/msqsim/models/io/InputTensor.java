package org.msqsim.models.io;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.msqsim.models.layer.Shape;
import org.msqsim.models.tensor.FloatMatrix;

/**
 * A network's input as real numbers (C×H×W, row-major): a {@code .npy} tensor of exactly that many
 * values, a PNG or JPEG image resized (bilinear) to H×W and normalised per channel as
 * {@code (pixel/scale − mean[c]) / std[c]} in RGB or BGR order, or seeded values uniform in [−1, 1]
 * (the range of the common {@code (x/255 − 0.5)/0.5} normalisation).
 */
public final class InputTensor {
    private InputTensor() {
    }

    /** How an image becomes a tensor. */
    public record Normalisation(double scale, double[] mean, double[] std, boolean bgr) {
        public Normalisation {
            if (!(scale > 0) || mean.length == 0 || std.length == 0) {
                throw new IllegalArgumentException("scale must be > 0 and mean/std non-empty");
            }
            for (double s : std) {
                if (!(s > 0)) {
                    throw new IllegalArgumentException("std must be > 0, got " + s);
                }
            }
        }

        double mean(int c) {
            return mean[mean.length == 1 ? 0 : c];
        }

        double std(int c) {
            return std[std.length == 1 ? 0 : c];
        }
    }

    public static double[] seeded(Shape s, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[(int) s.elements()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble() * 2 - 1;
        }
        return v;
    }

    /**
     * @throws IllegalArgumentException one line naming the file: unreadable, not an image or
     *         {@code .npy}, or of the wrong size
     */
    public static double[] read(Path file, Shape s, Normalisation n) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".npy")) {
            FloatMatrix m;
            try {
                m = NpyReader.readMatrix(file);
            } catch (NpyFormatException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            if ((long) m.rows() * m.cols() != s.elements()) {
                throw new IllegalArgumentException(file + ": holds " + (long) m.rows() * m.cols() + " values, the "
                        + "network's input " + s + " needs " + s.elements());
            }
            float[] f = m.toArray();
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = f[i];
            }
            return v;
        }
        if (s.c() != 3 && s.c() != 1) {
            throw new IllegalArgumentException(file + ": an image feeds a network of 1 or 3 input channels, this one "
                    + "has " + s.c());
        }
        BufferedImage img;
        try {
            img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the image (" + e.getMessage() + ")");
        }
        if (img == null) {
            throw new IllegalArgumentException(file + (Files.exists(file) ? ": neither a .npy file nor a PNG or JPEG "
                    + "image" : ": no such file"));
        }
        BufferedImage r = new BufferedImage(s.w(), s.h(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = r.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, s.w(), s.h(), null);
        g.dispose();
        double[] v = new double[(int) s.elements()];
        int plane = s.h() * s.w();
        for (int y = 0; y < s.h(); y++) {
            for (int x = 0; x < s.w(); x++) {
                int rgb = r.getRGB(x, y);
                int[] ch = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                for (int c = 0; c < s.c(); c++) {
                    int p = s.c() == 1 ? (ch[0] + ch[1] + ch[2]) / 3 : ch[n.bgr() ? 2 - c : c];
                    v[c * plane + y * s.w() + x] = (p / n.scale() - n.mean(c)) / n.std(c);
                }
            }
        }
        return v;
    }
}
