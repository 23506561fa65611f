package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders image renditions with ImageIO. Each rendition is a new JPEG written from pixels only, so no EXIF, GPS,
 * XMP or ICC data of the original survives; the EXIF orientation is applied to the pixels instead.
 *
 * <p>Bounded heap whatever the original: it is read from a file ({@link FileImageInputStream}, nothing of it cached
 * in memory), decoded subsampled (JPEG and PNG decoders subsample row by row, so the full-resolution raster never
 * exists), and each decode holds a share of the instance's {@link RasterBudget} for its decoded raster plus the
 * rendition; when the usual subsampling would not fit the budget, a coarser one is used. WebP and TIFF, whose ImageIO
 * decoders hold the whole picture before subsampling, are first scaled down by ffmpeg, out of the heap.
 */
@ApplicationScoped
public class ImageRenderer {

    static {
        // Originals are read from files (FileImageInputStream); what ImageIO itself streams (a small frame, the JPEG it
        // writes) stays in memory rather than in its own temporary files.
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

    private final RasterBudget budget;
    private final Ffmpeg ffmpeg;
    private final MediaConfig config;

    @jakarta.inject.Inject
    public ImageRenderer(RasterBudget budget, Ffmpeg ffmpeg, MediaConfig config) {
        this.budget = budget;
        this.ffmpeg = ffmpeg;
        this.config = config;
    }

    /** A renderer for JPEG and PNG only, within its own budget (benchmarks outside the application). */
    public ImageRenderer(RasterBudget budget) {
        this(budget, null, null);
    }

    /** Whether this JVM can decode the format (WebP through the TwelveMonkeys plugin). */
    public boolean canRead(String mimeType) {
        return ImageIO.getImageReadersByMIMEType(mimeType).hasNext();
    }

    /**
     * @param original the original in a local file
     * @param scratch where an intermediate picture goes (WebP, TIFF)
     * @param longSide the rendition's longer side; never upscaled
     * @param orientation EXIF orientation of the original (1..8), or null
     */
    public Rendered render(Path original, String mimeType, int longSide, Integer orientation,
            MediaScratch.Scratch scratch) throws IOException {
        Path source = original;
        String type = mimeType;
        if (!"image/jpeg".equals(mimeType) && !"image/png".equals(mimeType)) {
            Path scaled = scratch.file(".png");
            try {
                // At most twice the rendition's size, so the final scaling below still smooths; orientation stays
                // ours.
                ffmpeg.transcode(List.of("-max_pixels", Long.toString(config.images().maxPixels()), "-noautorotate",
                        "-i", original.toString(), "-map", "0:v:0", "-frames:v", "1", "-map_metadata", "-1",
                        "-vf", VideoRenderer.fit(2 * longSide, 2 * longSide).replace(":force_divisible_by=2", ""),
                        "-c:v", "png", "-compression_level", "1", "-f", "image2", "-update", "1", scaled.toString()),
                        config.renditions().frameTimeLimit(), null);
                source = scaled;
                type = "image/png";
            } catch (Ffmpeg.Failure e) {
                // ffmpeg 8.1 does not decode animated WebP: its ImageIO decoder (first frame) then, in the budget.
                if (!canRead(mimeType)) {
                    throw e;
                }
            }
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader for " + type);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new FileImageInputStream(source.toFile())) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            int bytesPerPixel = bytesPerPixel(reader);
            int step = Math.max(1, Math.max(width, height) / longSide);
            while (!budget.fits(need(width, height, step, bytesPerPixel, longSide))) {
                step++;
            }
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            try (RasterBudget.Lease lease = budget.acquire(need(width, height, step, bytesPerPixel, longSide))) {
                BufferedImage decoded = reader.read(0, param);
                return render(decoded, orientation == null ? 1 : orientation, longSide);
            }
        } finally {
            reader.dispose();
        }
    }

    /**
     * Heap a render holds at its peak: the subsampled raster and the rendition's (4 bytes a pixel). What follows it
     * (the JPEG, the fingerprint's halvings of the 1280-pixel PREVIEW) is a small fraction of that.
     */
    static long need(int width, int height, int step, int bytesPerPixel, int longSide) {
        long w = (width + step - 1) / step;
        long h = (height + step - 1) / step;
        double scale = Math.min(1.0, (double) longSide / Math.max(w, h));
        long out = Math.round(w * scale) * Math.round(h * scale);
        return w * h * bytesPerPixel + out * 4;
    }

    /** Bytes a decoded pixel takes in the raster ImageIO will allocate (4 when it cannot say). */
    private static int bytesPerPixel(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (types == null || !types.hasNext()) {
            return 4;
        }
        SampleModel model = types.next().getSampleModel();
        return Math.max(1, DataBuffer.getDataTypeSize(model.getTransferType()) * model.getNumDataElements() / 8);
    }

    /** Decodes a small image (a frame ffmpeg wrote as PNG, bounded by its caller) for fingerprinting. */
    public BufferedImage decode(byte[] image) throws IOException {
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(image));
        if (decoded == null) {
            throw new IOException("no ImageIO reader for the frame");
        }
        return decoded;
    }

    /** An upright picture scaled to at most {@code longSide}, as a metadata-free JPEG. */
    public Rendered render(BufferedImage oriented, int longSide) throws IOException {
        return render(oriented, 1, longSide);
    }

    /**
     * The picture turned by its EXIF orientation and scaled to at most {@code longSide} in one drawing, so no
     * full-size turned copy is ever made (mirrored variants are rare in practice and drawn unmirrored).
     */
    private Rendered render(BufferedImage image, int orientation, int longSide) throws IOException {
        boolean swap = orientation >= 5 && orientation <= 8;
        int uprightW = swap ? image.getHeight() : image.getWidth();
        int uprightH = swap ? image.getWidth() : image.getHeight();
        double scale = Math.min(1.0, (double) longSide / Math.max(uprightW, uprightH));
        int w = Math.max(1, (int) Math.round(uprightW * scale));
        int h = Math.max(1, (int) Math.round(uprightH * scale));
        AffineTransform t = AffineTransform.getScaleInstance((double) w / uprightW, (double) h / uprightH);
        t.concatenate(orientation(image.getWidth(), image.getHeight(), orientation));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(image, t, null);
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

    /** The turn of an EXIF orientation as a transform from the stored picture to the upright one. */
    private static AffineTransform orientation(int w, int h, int orientation) {
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 3 -> {
                t.translate(w, h);
                t.rotate(Math.PI);
            }
            case 6, 7 -> {
                t.translate(h, 0);
                t.rotate(Math.PI / 2);
            }
            case 8, 5 -> {
                t.translate(0, w);
                t.rotate(-Math.PI / 2);
            }
            default -> {
                // upright already
            }
        }
        return t;
    }
}
