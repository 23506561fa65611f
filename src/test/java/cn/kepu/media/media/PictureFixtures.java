package cn.kepu.media.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Photo-like test pictures (a gradient with shapes, different for each seed) and the ways copies get altered. */
final class PictureFixtures {

    private PictureFixtures() {
    }

    static BufferedImage scene(long seed, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Random r = new Random(seed);
        g.setPaint(new GradientPaint(0, 0, color(r), width, height, color(r)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 25; i++) {
            g.setColor(color(r));
            int x = r.nextInt(width);
            int y = r.nextInt(height);
            int s = 50 + r.nextInt(width / 3);
            if (r.nextBoolean()) {
                g.fillOval(x - s / 2, y - s / 2, s, s);
            } else {
                g.fillRect(x - s / 2, y - s / 2, s, (int) (s * 0.7));
            }
        }
        g.dispose();
        return image;
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage resize(BufferedImage image, double factor) {
        int w = (int) (image.getWidth() * factor);
        int h = (int) (image.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Cuts {@code fraction} of the width and height off each side. */
    static BufferedImage crop(BufferedImage image, double fraction) {
        int dx = (int) (image.getWidth() * fraction);
        int dy = (int) (image.getHeight() * fraction);
        return image.getSubimage(dx, dy, image.getWidth() - 2 * dx, image.getHeight() - 2 * dy);
    }

    static BufferedImage brighter(BufferedImage image, int delta) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int r = Math.min(255, ((rgb >> 16) & 0xFF) + delta);
                int gr = Math.min(255, ((rgb >> 8) & 0xFF) + delta);
                int b = Math.min(255, (rgb & 0xFF) + delta);
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }

    private static Color color(Random r) {
        return new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }
}
