package cn.kepu.media.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Small real files built in memory: images through ImageIO (+ EXIF via Commons Imaging), videos as ISO-BMFF boxes. */
public final class MediaFixtures {

    public static final double GPS_LATITUDE = 39.9042;
    public static final double GPS_LONGITUDE = 116.4074;

    private MediaFixtures() {
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A JPEG with camera make/model, capture time and a GPS position (Beijing) in its EXIF. */
    public static byte[] jpegWithGps(int width, int height) {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MAKE, "Kepu");
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MODEL, "TestCam 1");
            exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2025:05:20 10:30:00");
            exif.setGpsInDegrees(GPS_LONGITUDE, GPS_LATITUDE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg(width, height), out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] tiff(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "tiff");
    }

    /** A PNG whose header claims the given size, with no pixel data: a decompression bomb's header. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        pngChunk(out, "IHDR", ihdr.array());
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A lossless WebP (VP8L) header with the given size; enough for sniffing and probing, not for decoding. */
    public static byte[] webp(int width, int height) {
        ByteBuffer vp8l = ByteBuffer.allocate(5 + 16).order(ByteOrder.LITTLE_ENDIAN);
        vp8l.put((byte) 0x2F);
        vp8l.putInt((width - 1) | ((height - 1) << 14));
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunks.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        chunks.writeBytes("VP8L".getBytes(StandardCharsets.US_ASCII));
        chunks.writeBytes(le32(vp8l.capacity()));
        chunks.writeBytes(vp8l.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(chunks.size()));
        out.writeBytes(chunks.toByteArray());
        return out.toByteArray();
    }

    /**
     * An MP4 (brand isom) or MOV (brand qt) with one video track: ftyp, moov (mvhd, trak with tkhd, mdhd, hdlr,
     * stsd avc1, stts) and an mdat of {@code mediaBytes} filler bytes.
     */
    public static byte[] movie(boolean quickTime, int width, int height, int seconds, int fps, int mediaBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeMovieHeader(out, quickTime, width, height, seconds, fps, mediaBytes);
        byte[] filler = new byte[mediaBytes];
        new java.util.Random(42).nextBytes(filler);
        out.writeBytes(filler);
        return out.toByteArray();
    }

    /** Writes everything up to and including the mdat header; the caller appends {@code mediaBytes} bytes. */
    public static void writeMovieHeader(java.io.OutputStream target, boolean quickTime, int width, int height,
            int seconds, int fps, long mediaBytes) {
        int timescale = 1000;
        String brand = quickTime ? "qt  " : "isom";
        byte[] ftyp = box("ftyp", concat(ascii(brand), be32(0x200), ascii(brand), ascii(quickTime ? "qt  " : "mp41")));
        byte[] matrix = concat(be32(0x10000), be32(0), be32(0), be32(0), be32(0x10000), be32(0), be32(0), be32(0),
                be32(0x40000000));
        byte[] mvhd = box("mvhd", concat(be32(0), be32(0), be32(0), be32(timescale), be32(seconds * timescale),
                be32(0x10000), be16(0x100), new byte[10], matrix, new byte[24], be32(2)));
        byte[] tkhd = box("tkhd", concat(be32(3), be32(0), be32(0), be32(1), be32(0), be32(seconds * timescale),
                new byte[8], be16(0), be16(0), be16(0), be16(0), matrix, be32(width << 16), be32(height << 16)));
        byte[] mdhd = box("mdhd", concat(be32(0), be32(0), be32(0), be32(timescale), be32(seconds * timescale),
                be16(0x55C4), be16(0)));
        byte[] hdlr = box("hdlr", concat(be32(0), ascii(quickTime ? "mhlr" : "\0\0\0\0"), ascii("vide"), new byte[12],
                // QuickTime names are Pascal strings, ISO ones are NUL-terminated.
                quickTime ? concat(new byte[] {12}, ascii("VideoHandler")) : ascii("VideoHandler\0")));
        byte[] avc1 = box("avc1", concat(new byte[6], be16(1), new byte[16], be16(width), be16(height),
                be32(0x480000), be32(0x480000), be32(0), be16(1), new byte[32], be16(0x18), be16(0xFFFF)));
        byte[] stsd = box("stsd", concat(be32(0), be32(1), avc1));
        byte[] stts = box("stts", concat(be32(0), be32(1), be32(seconds * fps), be32(timescale / fps)));
        byte[] vmhd = box("vmhd", concat(be32(1), be16(0), be16(0), be16(0), be16(0)));
        byte[] stbl = box("stbl", concat(stsd, stts));
        byte[] minf = box("minf", concat(vmhd, stbl));
        byte[] mdia = box("mdia", concat(mdhd, hdlr, minf));
        byte[] trak = box("trak", concat(tkhd, mdia));
        byte[] moov = box("moov", concat(mvhd, trak));
        try {
            target.write(ftyp);
            target.write(moov);
            if (mediaBytes + 8 > 0xFFFFFFFFL) {
                target.write(concat(be32(1), ascii("mdat"), ByteBuffer.allocate(8).putLong(mediaBytes + 16).array()));
            } else {
                target.write(concat(be32((int) (mediaBytes + 8)), ascii("mdat")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the ffmpeg the service uses (from the {@code org.bytedeco:ffmpeg} jar) to make a real file: {@code args}
     * are everything between the common options and the output, {@code extension} picks the container.
     */
    public static byte[] ffmpeg(String extension, String... args) {
        try {
            java.nio.file.Path out = java.nio.file.Files.createTempFile("kepu-fixture", "." + extension);
            try {
                String ffmpeg = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
                java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(ffmpeg, "-nostdin",
                        "-hide_banner", "-loglevel", "error", "-y"));
                command.addAll(java.util.List.of(args));
                command.add(out.toString());
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().put("LD_LIBRARY_PATH", java.nio.file.Path.of(ffmpeg).getParent().toString());
                Process process = builder.start();
                String log = new String(process.getInputStream().readAllBytes());
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("ffmpeg " + command + ": " + log);
                }
                return java.nio.file.Files.readAllBytes(out);
            } finally {
                java.nio.file.Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A real clip with moving test pictures and a tone: MP4 (H.264/AAC), MOV (H.264/AAC, brand qt) or WebM
     * (VP9/Opus), with a title and a GPS location in its metadata that no rendition may keep.
     */
    public static byte[] clip(String container, int width, int height, double seconds) {
        String size = width + "x" + height;
        String duration = String.format(java.util.Locale.ROOT, "%.2f", seconds);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25:duration=" + duration,
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + duration,
                "-metadata", "title=张三的作品 secret-title", "-metadata", "artist=张三",
                "-metadata", "location=+39.9042+116.4074/", "-shortest"));
        switch (container) {
            case "webm" -> args.addAll(java.util.List.of("-c:v", "libvpx-vp9", "-deadline", "realtime",
                    "-cpu-used", "8", "-b:v", "300k", "-c:a", "libopus"));
            case "mov" -> args.addAll(java.util.List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                    "-f", "mov"));
            default -> args.addAll(java.util.List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                    "-movflags", "+faststart"));
        }
        return ffmpeg(container, args.toArray(String[]::new));
    }

    /** The same MP4 padded with a 'free' box to {@code totalBytes}: still valid, large enough to go multipart. */
    public static byte[] padded(byte[] mp4, int totalBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(totalBytes);
        out.writeBytes(mp4);
        int pad = totalBytes - mp4.length;
        out.writeBytes(be32(pad));
        out.writeBytes(ascii("free"));
        out.writeBytes(new byte[pad - 8]);
        return out.toByteArray();
    }

    /** A real WebP (lossy VP8) picture made by ffmpeg's libwebp. */
    public static byte[] realWebp(int width, int height) {
        return ffmpeg("webp", "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=1",
                "-frames:v", "1", "-c:v", "libwebp", "-f", "webp");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20, 90, 200), width, height, new Color(240, 200, 40)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(be32(data.length));
        byte[] typeAndData = concat(ascii(type), data);
        out.writeBytes(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeBytes(be32((int) crc.getValue()));
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(be32(payload.length + 8), ascii(type), payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] be32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] be16(int value) {
        return ByteBuffer.allocate(2).putShort((short) value).array();
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}
