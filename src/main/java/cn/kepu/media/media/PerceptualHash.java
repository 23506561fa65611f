package cn.kepu.media.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A 64-bit perceptual hash (the DCT "pHash" of Zauner, 2010): the picture is reduced to 32 × 32 grey levels, its
 * two-dimensional discrete cosine transform taken, and the 8 × 8 lowest frequencies (without the DC term) compared
 * with their median, one bit each. Low frequencies describe the picture's overall structure, which survives
 * re-encoding, resizing, colour and brightness changes and small crops, so copies land within a few bits of each
 * other, while unrelated pictures differ in about half of the 64 bits.
 *
 * <p>Written here (about 60 lines) because the Java libraries that offer it are unmaintained; it runs on pixels the
 * rendition worker has already decoded.
 */
public final class PerceptualHash {

    private static final int SIZE = 32;
    private static final int LOW = 8;
    private static final double[][] COS = new double[SIZE][SIZE];
    private static final double[] CROPS = {0, 0.05, 0.10};

    static {
        for (int u = 0; u < SIZE; u++) {
            for (int x = 0; x < SIZE; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2.0 * SIZE));
            }
        }
    }

    private PerceptualHash() {
    }

    public static long of(BufferedImage image) {
        double[][] grey = grey(image);
        double[] low = new double[LOW * LOW];
        for (int u = 0; u < LOW; u++) {
            for (int v = 0; v < LOW; v++) {
                double sum = 0;
                for (int x = 0; x < SIZE; x++) {
                    double inner = 0;
                    for (int y = 0; y < SIZE; y++) {
                        inner += grey[x][y] * COS[v][y];
                    }
                    sum += inner * COS[u][x];
                }
                low[u * LOW + v] = sum;
            }
        }
        double[] ac = Arrays.copyOfRange(low, 1, low.length);
        Arrays.sort(ac);
        double median = (ac[ac.length / 2 - 1] + ac[ac.length / 2]) / 2;
        long hash = 0;
        for (int i = 1; i < low.length; i++) {
            if (low[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    /**
     * Hashes of the whole picture and of its centre without 5 % and 10 % of each side. Comparing every variant of
     * one picture with every variant of another finds copies cropped by up to about 10 % on each side, whichever of
     * the two is the cropped one.
     */
    public static long[] variants(BufferedImage image) {
        long[] hashes = new long[CROPS.length];
        for (int i = 0; i < CROPS.length; i++) {
            int dx = (int) Math.round(image.getWidth() * CROPS[i]);
            int dy = (int) Math.round(image.getHeight() * CROPS[i]);
            hashes[i] = of(image.getSubimage(dx, dy, image.getWidth() - 2 * dx, image.getHeight() - 2 * dy));
        }
        return hashes;
    }

    /** Number of differing bits: 0 for the same picture, about 32 for unrelated ones. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /**
     * 32 × 32 luminance (ITU-R BT.601 weights), reduced by successive halvings with bilinear filtering (each step
     * averages about four pixels, so the result approximates an area average at a fraction of its cost).
     */
    private static double[][] grey(BufferedImage image) {
        BufferedImage small = image;
        int w = image.getWidth();
        int h = image.getHeight();
        while (w >= 2 * SIZE * 2 || h >= 2 * SIZE * 2) {
            w = Math.max(SIZE, w / 2);
            h = Math.max(SIZE, h / 2);
            small = scaled(small, w, h);
        }
        small = scaled(small, SIZE, SIZE);
        double[][] grey = new double[SIZE][SIZE];
        for (int x = 0; x < SIZE; x++) {
            for (int y = 0; y < SIZE; y++) {
                int rgb = small.getRGB(x, y);
                grey[x][y] = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
            }
        }
        return grey;
    }

    private static BufferedImage scaled(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
