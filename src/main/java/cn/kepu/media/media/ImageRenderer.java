package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders image renditions with ImageIO. Each rendition is a new JPEG written from pixels only, so no EXIF, GPS,
 * XMP or ICC data of the original survives; the EXIF orientation is applied to the pixels instead. Decoding is
 * subsampled so a 40-megapixel original never becomes a 40-megapixel raster in memory.
 */
@ApplicationScoped
public class ImageRenderer {

    static {
        // Decode from memory, not from temporary files in a container's small /tmp.
        ImageIO.setUseCache(false);
        // ImageIO's registry is filled from the class loader of whoever touches it first; under Quarkus that may
        // miss the application's plugins (TwelveMonkeys WebP), so look again with ours.
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            Thread.currentThread().setContextClassLoader(ImageRenderer.class.getClassLoader());
            ImageIO.scanForPlugins();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** @param pixels the rendered picture, kept for fingerprinting */
    public record Rendered(byte[] jpeg, int width, int height, BufferedImage pixels) {
    }

    /** Whether this JVM can decode the format (WebP through the TwelveMonkeys plugin). */
    public boolean canRead(String mimeType) {
        return ImageIO.getImageReadersByMIMEType(mimeType).hasNext();
    }

    /**
     * @param longSide the rendition's longer side; never upscaled
     * @param orientation EXIF orientation of the original (1..8), or null
     */
    public Rendered render(InputStream original, String mimeType, int longSide, Integer orientation)
            throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mimeType);
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader for " + mimeType);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(original)) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            int step = Math.max(1, Math.max(width, height) / longSide);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            return render(orient(decoded, orientation == null ? 1 : orientation), longSide);
        } finally {
            reader.dispose();
        }
    }

    /** Decodes a full image (a frame ffmpeg wrote as PNG) for fingerprinting. */
    public BufferedImage decode(byte[] image) throws IOException {
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(image));
        if (decoded == null) {
            throw new IOException("no ImageIO reader for the frame");
        }
        return decoded;
    }

    /** An upright picture scaled to at most {@code longSide}, as a metadata-free JPEG. */
    public Rendered render(BufferedImage oriented, int longSide) throws IOException {
        double scale = Math.min(1.0, (double) longSide / Math.max(oriented.getWidth(), oriented.getHeight()));
        int w = Math.max(1, (int) Math.round(oriented.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(oriented.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(oriented, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return new Rendered(jpeg(out), w, h, out);
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            // No metadata argument: the file gets a bare JFIF header and nothing from the original.
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Applies an EXIF orientation to the pixels (mirrored variants are rare in practice and drawn unmirrored). */
    private static BufferedImage orient(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        boolean swap;
        switch (orientation) {
            case 3 -> {
                t.translate(w, h);
                t.rotate(Math.PI);
                swap = false;
            }
            case 6, 7 -> {
                t.translate(h, 0);
                t.rotate(Math.PI / 2);
                swap = true;
            }
            case 8, 5 -> {
                t.translate(0, w);
                t.rotate(-Math.PI / 2);
                swap = true;
            }
            default -> {
                return image;
            }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
