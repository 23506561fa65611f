package cn.kepu.media.media;

import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.DetectedAiLabel;
import cn.kepu.media.works.WorkKind;
import com.drew.imaging.ImageMetadataReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.imaging.tiff.TiffMetadataReader;
import com.drew.metadata.webp.WebpDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.tika.Tika;
import org.jboss.logging.Logger;

/**
 * Verifies an uploaded object from its bytes and probes its facts. Reads are streaming with bounded memory: one
 * pass hashes the whole object and keeps its first 64 KiB for sniffing; images are then probed from their headers
 * (never decoded here, so a decompression bomb is refused by its declared dimensions); videos are walked box by box
 * with ranged reads, so a multi-gigabyte file costs one hashing pass plus a few small reads.
 */
@ApplicationScoped
public class MediaInspector {

    private static final Logger LOG = Logger.getLogger(MediaInspector.class);
    private static final int HEAD_BYTES = 64 * 1024;
    private static final int MAX_TOP_LEVEL_BOXES = 1000;
    private static final java.util.Set<String> MP4_BRANDS = java.util.Set.of("isom", "iso2", "iso4", "iso5", "iso6",
            "mp41", "mp42", "avc1", "M4V ", "dash");
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    /** What the client declared when starting the upload. */
    public record Declared(WorkKind kind, String fileName, String mimeType, long sizeBytes, String sha256) {
    }

    /**
     * A refusal with its detail as a {@link Msg} (keys {@code media.rejected.*}), so that the stored verdict is
     * rendered in each reader's language. Third-party texts (a parser's or ffprobe's English) never go into the
     * detail: they are logged, and the detail names what is wrong in the caller's words.
     */
    static final class Rejected extends Exception {
        final Rejection reason;
        final Msg detail;

        Rejected(Rejection reason, String key, Object... args) {
            super(key, null, false, false);
            this.reason = reason;
            this.detail = Msg.of(key, args);
        }
    }

    // Tika core alone carries only the magic-byte detector: no parser ever runs on uploaded bytes.
    private final Tika tika = new Tika();
    private final MediaStorage storage;
    private final MediaConfig config;
    private final Ffmpeg ffmpeg;
    private final MediaScratch scratch;

    public MediaInspector(MediaStorage storage, MediaConfig config, Ffmpeg ffmpeg, MediaScratch scratch) {
        this.storage = storage;
        this.config = config;
        this.ffmpeg = ffmpeg;
        this.scratch = scratch;
    }

    /** @param storedSize the size the store reports for the object */
    public Verdict inspect(String key, long storedSize, Declared declared) {
        try {
            MediaFormat format = verify(key, storedSize, declared);
            return new Verdict.Accepted(format, format.isVideo() ? probeVideo(key, storedSize, format)
                    : probeImage(key, storedSize, format));
        } catch (Rejected r) {
            return new Verdict.Rejected(r.reason, r.detail);
        }
    }

    private MediaFormat verify(String key, long size, Declared declared) throws Rejected {
        if (size != declared.sizeBytes()) {
            throw new Rejected(Rejection.SIZE_MISMATCH, "media.rejected.sizeMismatch", size, declared.sizeBytes());
        }
        byte[] head;
        String sha256;
        try (InputStream raw = storage.open(key)) {
            MessageDigest digest = sha256();
            InputStream in = new DigestInputStream(raw, digest);
            head = in.readNBytes(HEAD_BYTES);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            sha256 = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new MediaStorage.StorageFailure("reading back " + key, e);
        }
        if (!sha256.equals(declared.sha256())) {
            throw new Rejected(Rejection.CHECKSUM_MISMATCH, "media.rejected.checksumMismatch", sha256,
                    declared.sha256());
        }
        String sniffed = isoBrandType(head).or(() -> Ebml.header(head)
                .map(h -> "webm".equals(h.docType()) ? MediaFormat.WEBM.mimeType() : "video/x-matroska"))
                .orElseGet(() -> tika.detect(head));
        MediaFormat format = MediaFormat.ofMimeType(sniffed).filter(f -> f.allowedFor(declared.kind()))
                .orElseThrow(() -> new Rejected(Rejection.TYPE_NOT_ALLOWED, "media.rejected.typeNotAllowed", sniffed,
                        Msg.of("works.kind." + declared.kind().name())));
        Optional<MediaFormat> byName = MediaFormat.ofFileName(declared.fileName());
        if (MediaFormat.ofMimeType(declared.mimeType()).filter(format::equals).isEmpty()
                || byName.filter(f -> f != format).isPresent()) {
            throw new Rejected(Rejection.TYPE_MISMATCH, "media.rejected.typeMismatch", format.mimeType(),
                    declared.mimeType(), declared.fileName());
        }
        long limit = format.isVideo() ? config.videos().maxBytes() : config.images().maxBytes();
        if (size > limit) {
            throw new Rejected(Rejection.TOO_LARGE, "media.rejected.tooLarge", size, limit, format.mimeType());
        }
        return format;
    }

    /**
     * ISO-BMFF files are told apart by the major brand of their {@code ftyp} box. Tika core's magic knows only the
     * mp41/mp42 brands as MP4 and takes the common {@code isom} (what ffmpeg and most phones write) for QuickTime.
     */
    private static Optional<String> isoBrandType(byte[] head) {
        if (head.length < 12 || !new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            return Optional.empty();
        }
        String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
        if (brand.equals("qt  ")) {
            return Optional.of(MediaFormat.MOV.mimeType());
        }
        return MP4_BRANDS.contains(brand) ? Optional.of(MediaFormat.MP4.mimeType()) : Optional.empty();
    }

    private ProbedFacts probeImage(String key, long size, MediaFormat format) throws Rejected {
        checkImageComplete(key, size, format);
        Metadata metadata;
        try {
            metadata = readMetadata(key, size, format);
        } catch (ImageProcessingException e) {
            LOG.infof("Unreadable %s %s: %s", format.mimeType(), key, e.getMessage());
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.imageUnreadable", format.mimeType());
        } catch (IOException e) {
            LOG.infof("Metadata of %s cut off: %s", key, e.getMessage());
            throw new Rejected(Rejection.TRUNCATED, "media.rejected.metadataCut");
        }
        Integer width = firstInt(metadata, JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, PngDirectory.class,
                PngDirectory.TAG_IMAGE_WIDTH, WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH,
                ExifIFD0Directory.class, ExifIFD0Directory.TAG_IMAGE_WIDTH);
        Integer height = firstInt(metadata, JpegDirectory.class, JpegDirectory.TAG_IMAGE_HEIGHT, PngDirectory.class,
                PngDirectory.TAG_IMAGE_HEIGHT, WebpDirectory.class, WebpDirectory.TAG_IMAGE_HEIGHT,
                ExifIFD0Directory.class, ExifIFD0Directory.TAG_IMAGE_HEIGHT);
        if (width == null || height == null || width <= 0 || height <= 0) {
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.imageNoDimensions");
        }
        long pixels = (long) width * height;
        if (pixels > config.images().maxPixels()) {
            throw new Rejected(Rejection.TOO_MANY_PIXELS, "media.rejected.imageTooManyPixels", width, height,
                    config.images().maxPixels());
        }
        if (Math.min(width, height) < config.images().minShortSide()) {
            throw new Rejected(Rejection.TOO_SMALL, "media.rejected.imageTooSmall", width, height,
                    config.images().minShortSide());
        }
        DetectedAiLabel aiLabel = imageAiLabel(key, format, metadata);
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        return ProbedFacts.image(width, height,
                ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION),
                colorSpace(metadata),
                exif == null || exif.getDateOriginal() == null ? null : exif.getDateOriginal().toInstant(),
                ifd0 == null ? null : camera(ifd0),
                location == null || location.isZero() ? null : location.getLatitude(),
                location == null || location.isZero() ? null : location.getLongitude()).withAiLabel(aiLabel);
    }

    /**
     * The image's metadata, read with bounded memory: JPEG as a stream (the parser keeps the metadata segments, each
     * at most 64 KiB, and stops at the image data); PNG through {@link PngChunks#withoutImageData} (no image data, no
     * text chunk that would inflate past 4 MiB); TIFF from a local file, read where its directories point (from a
     * stream the parser would buffer everything up to the farthest offset); WebP through
     * {@link #webpWithoutImageData}, because the parser reads each image chunk whole to find the dimensions at its
     * start.
     */
    private Metadata readMetadata(String key, long size, MediaFormat format) throws ImageProcessingException,
            IOException {
        switch (format) {
            case TIFF -> {
                try (MediaScratch.Scratch files = scratch.open()) {
                    Path file = files.file(".tif");
                    storage.download(key, file);
                    return TiffMetadataReader.readMetadata(file.toFile());
                }
            }
            case PNG -> {
                byte[] chunks;
                try (InputStream in = new BufferedInputStream(storage.open(key))) {
                    chunks = PngChunks.withoutImageData(in, MAX_METADATA_BYTES);
                }
                return ImageMetadataReader.readMetadata(new java.io.ByteArrayInputStream(chunks), chunks.length);
            }
            case WEBP -> {
                byte[] squeezed;
                try (InputStream in = new BufferedInputStream(storage.open(key))) {
                    squeezed = webpWithoutImageData(in, MAX_METADATA_BYTES);
                }
                return ImageMetadataReader.readMetadata(new java.io.ByteArrayInputStream(squeezed), squeezed.length);
            }
            default -> {
                try (InputStream in = new BufferedInputStream(storage.open(key))) {
                    return ImageMetadataReader.readMetadata(in, size);
                }
            }
        }
    }

    /** Most bytes of a PNG's or WebP's metadata chunks (EXIF, XMP, ICC, text) read for probing. */
    private static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;
    private static final java.util.Set<String> WEBP_IMAGE_CHUNKS = java.util.Set.of("VP8 ", "VP8L", "ALPH", "ANMF");
    /** Enough of an image chunk for its frame header (dimensions): VP8 needs 10 bytes, VP8L 5. */
    private static final int WEBP_IMAGE_HEAD = 64;

    /**
     * The WebP's RIFF chunks with each image chunk cut to its first {@value #WEBP_IMAGE_HEAD} bytes and the sizes
     * rewritten to match; metadata chunks whole, up to {@code limit} bytes in all.
     */
    static byte[] webpWithoutImageData(InputStream in, int limit) throws IOException, ImageProcessingException {
        java.io.DataInputStream data = new java.io.DataInputStream(in);
        byte[] header = data.readNBytes(12);
        if (header.length < 12 || !new String(header, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")
                || !new String(header, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            throw new ImageProcessingException("not a WebP RIFF file");
        }
        long end = 8 + Integer.toUnsignedLong(ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(header);
        long position = 12;
        while (position + 8 <= end) {
            byte[] chunk = data.readNBytes(8);
            if (chunk.length < 8) {
                break;
            }
            String type = new String(chunk, 0, 4, StandardCharsets.ISO_8859_1);
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(chunk, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            long padded = size + (size & 1);
            long keep = WEBP_IMAGE_CHUNKS.contains(type) ? Math.min(size, WEBP_IMAGE_HEAD) : size;
            if (out.size() + keep + 8 > limit) {
                throw new ImageProcessingException("WebP metadata larger than " + (limit >> 20) + " MiB");
            }
            ByteBuffer.wrap(chunk, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) keep);
            out.write(chunk);
            byte[] payload = data.readNBytes((int) keep);
            out.write(payload);
            if ((keep & 1) == 1) {
                out.write(0);
            }
            if (payload.length < keep) {
                break;
            }
            data.skipNBytes(Math.min(padded - keep, end - position - 8 - keep));
            position += 8 + padded;
        }
        byte[] squeezed = out.toByteArray();
        ByteBuffer.wrap(squeezed, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(squeezed.length - 8);
        return squeezed;
    }

    /**
     * The implicit AI label of an image (see {@link AiLabelReader}): XMP and EXIF from the metadata already read,
     * and for JPEG and PNG one more read of the file's metadata part for a C2PA manifest (APP11, caBX).
     */
    private DetectedAiLabel imageAiLabel(String key, MediaFormat format, Metadata metadata) {
        AiLabelReader reader = new AiLabelReader().metadata(metadata);
        if (format == MediaFormat.JPEG || format == MediaFormat.PNG) {
            try (InputStream in = new BufferedInputStream(storage.open(key))) {
                if (format == MediaFormat.JPEG) {
                    reader.jpeg(in);
                } else {
                    reader.png(new java.io.ByteArrayInputStream(PngChunks.withoutImageData(in, MAX_METADATA_BYTES)));
                }
            } catch (IOException e) {
                throw new MediaStorage.StorageFailure("reading the metadata of " + key, e);
            }
        }
        return reader.result();
    }

    /** Formats whose end is self-describing are checked for it; a cut-off upload is refused, not half-shown. */
    private void checkImageComplete(String key, long size, MediaFormat format) throws Rejected {
        switch (format) {
            case PNG -> {
                byte[] tail = storage.readRange(key, Math.max(0, size - PNG_IEND.length), PNG_IEND.length);
                if (!Arrays.equals(tail, PNG_IEND)) {
                    throw new Rejected(Rejection.TRUNCATED, "media.rejected.pngCut");
                }
            }
            case JPEG -> {
                // Some cameras append data after the end-of-image marker: look for it near the end, not only last.
                int window = (int) Math.min(size, 4096);
                byte[] tail = storage.readRange(key, size - window, window);
                boolean found = false;
                for (int i = tail.length - 2; i >= 0 && !found; i--) {
                    found = tail[i] == (byte) 0xFF && tail[i + 1] == (byte) 0xD9;
                }
                if (!found) {
                    throw new Rejected(Rejection.TRUNCATED, "media.rejected.jpegCut");
                }
            }
            case WEBP -> {
                byte[] riff = storage.readRange(key, 0, 8);
                long declaredEnd = Integer.toUnsignedLong(ByteBuffer.wrap(riff, 4, 4).order(ByteOrder.LITTLE_ENDIAN)
                        .getInt()) + 8;
                if (declaredEnd > size) {
                    throw new Rejected(Rejection.TRUNCATED, "media.rejected.webpCut", declaredEnd, size);
                }
            }
            default -> {
                // TIFF keeps its directory anywhere in the file: a cut is found when rendering fails.
            }
        }
    }

    private ProbedFacts probeVideo(String key, long size, MediaFormat format) throws Rejected {
        AiLabelReader labels = new AiLabelReader();
        if (format == MediaFormat.WEBM) {
            checkWebmComplete(key, size);
        } else {
            checkIsoBoxes(key, size, labels);
        }
        // ffprobe reads only the headers it needs through a short-lived URL; a file it cannot parse is refused here,
        // before any worker spends time on it.
        JsonNode probe;
        try {
            probe = ffmpeg.probe(storage.presignGet(key, Duration.ofMinutes(10), format.mimeType(), "inline"),
                    config.videos().probeTimeLimit());
        } catch (Ffmpeg.Timeout e) {
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.probeTimedOut",
                    config.videos().probeTimeLimit().toSeconds());
        } catch (Ffmpeg.Failure e) {
            LOG.infof("ffprobe cannot read %s: %s", key, firstLine(e.getMessage()));
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.videoUnreadable");
        } catch (IOException e) {
            throw new MediaStorage.StorageFailure("probing " + key, e);
        }
        labels.containerTags(probe.path("format").path("tags"));
        return videoFacts(probe, size).withAiLabel(labels.result());
    }

    /** Facts from ffprobe's JSON; width and height as displayed (turned by the display matrix). */
    ProbedFacts videoFacts(JsonNode probe, long size) throws Rejected {
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : probe.path("streams")) {
            boolean picture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (video == null && "video".equals(stream.path("codec_type").asText()) && !picture) {
                video = stream;
            } else if (audio == null && "audio".equals(stream.path("codec_type").asText())) {
                audio = stream;
            }
        }
        if (video == null) {
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.noVideoStream");
        }
        int codedWidth = video.path("width").asInt(0);
        int codedHeight = video.path("height").asInt(0);
        if (codedWidth <= 0 || codedHeight <= 0) {
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.videoNoDimensions");
        }
        if ((long) codedWidth * codedHeight > config.videos().maxPixels()) {
            throw new Rejected(Rejection.TOO_MANY_PIXELS, "media.rejected.videoTooManyPixels", codedWidth, codedHeight,
                    config.videos().maxPixels());
        }
        int rotation = rotation(video);
        boolean turned = rotation % 180 != 0;
        Double duration = positive(probe.path("format").path("duration").asText(null));
        if (duration == null) {
            duration = positive(video.path("duration").asText(null));
        }
        if (duration == null) {
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.videoNoDuration");
        }
        Double bitrate = positive(probe.path("format").path("bit_rate").asText(null));
        return ProbedFacts.video(turned ? codedHeight : codedWidth, turned ? codedWidth : codedHeight, duration,
                frameRate(video), video.path("codec_name").asText(null),
                audio == null ? null : audio.path("codec_name").asText(null),
                bitrate != null ? Math.round(bitrate) : Math.round(size * 8 / duration), rotation);
    }

    /** Clockwise degrees, 0/90/180/270, from the display matrix side data or the legacy {@code rotate} tag. */
    private static int rotation(JsonNode video) {
        double degrees = 0;
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                // ffprobe reports the display matrix counter-clockwise.
                degrees = -side.path("rotation").asDouble();
            }
        }
        if (degrees == 0 && video.path("tags").has("rotate")) {
            degrees = video.path("tags").path("rotate").asDouble();
        }
        int quarter = (int) Math.round(degrees / 90.0);
        return Math.floorMod(quarter * 90, 360);
    }

    private static Double frameRate(JsonNode video) {
        for (String field : List.of("avg_frame_rate", "r_frame_rate")) {
            String[] parts = video.path(field).asText("0/0").split("/");
            try {
                double num = Double.parseDouble(parts[0]);
                double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
                if (num > 0 && den > 0) {
                    return Math.round(num / den * 1000) / 1000.0;
                }
            } catch (NumberFormatException e) {
                // try the next field
            }
        }
        return null;
    }

    private static Double positive(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return value > 0 && Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A box type as four visible characters (a damaged file may have anything there). */
    private static String printable(String type) {
        return type.replaceAll("[^\\x21-\\x7e]", "?");
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        // ffprobe names its input (a presigned URL) in some messages: keep them short and free of it.
        return line.replaceAll("https?://\\S+", "<input>");
    }

    /**
     * WebM is Matroska with DocType {@code webm}: its EBML header must say so, and a Segment of known size must fit
     * in the file (a cut-off upload is refused rather than half played).
     */
    private void checkWebmComplete(String key, long size) throws Rejected {
        byte[] head = storage.readRange(key, 0, Math.min(size, 4096));
        Ebml.Header header = Ebml.header(head).orElseThrow(() -> new Rejected(Rejection.UNREADABLE,
                "media.rejected.ebmlUnreadable"));
        if (!"webm".equals(header.docType())) {
            throw new Rejected(Rejection.TYPE_NOT_ALLOWED, "media.rejected.matroskaNotWebm", header.docType());
        }
        if (header.segmentEnd() > size) {
            throw new Rejected(Rejection.TRUNCATED, "media.rejected.webmCut", header.segmentEnd(), size);
        }
    }

    /**
     * Walks the top-level ISO-BMFF boxes with ranged reads: they must tile the file exactly (else it is truncated or
     * padded with something else), and a {@code moov} box of plausible size must be among them.
     */
    private void checkIsoBoxes(String key, long size, AiLabelReader labels) throws Rejected {
        long offset = 0;
        long moovOffset = -1;
        long moovSize = 0;
        long ftypSize = 0;
        for (int boxes = 0; offset < size; boxes++) {
            if (boxes == MAX_TOP_LEVEL_BOXES) {
                throw new Rejected(Rejection.UNREADABLE, "media.rejected.tooManyBoxes", MAX_TOP_LEVEL_BOXES);
            }
            if (size - offset < 8) {
                throw new Rejected(Rejection.TRUNCATED, "media.rejected.boxHeaderCut", offset);
            }
            ByteBuffer header = ByteBuffer.wrap(storage.readRange(key, offset, Math.min(16, size - offset)));
            long boxSize = Integer.toUnsignedLong(header.getInt(0));
            String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
            if (boxSize == 1) {
                if (header.capacity() < 16) {
                    throw new Rejected(Rejection.TRUNCATED, "media.rejected.boxHeaderCut", offset);
                }
                boxSize = header.getLong(8);
            } else if (boxSize == 0) {
                boxSize = size - offset;
            }
            if (boxSize < 8 || boxSize > size - offset) {
                throw new Rejected(Rejection.TRUNCATED, "media.rejected.boxCut", printable(type), offset, boxSize,
                        size - offset);
            }
            if (offset == 0 && type.equals("ftyp")) {
                ftypSize = boxSize;
            }
            if (type.equals("moov")) {
                moovOffset = offset;
                moovSize = boxSize;
            }
            if (type.equals("uuid") && boxSize >= 24) {
                // C2PA manifest store or XMP packet (the AI label); only these two are read, and only so far.
                long headerSize = header.getInt(0) == 1 ? 16 : 8;
                byte[] uuid = storage.readRange(key, offset + headerSize, 16);
                long payloadSize = boxSize - headerSize - 16;
                if ((Arrays.equals(uuid, AiLabelReader.C2PA_UUID) || Arrays.equals(uuid, AiLabelReader.XMP_UUID))
                        && payloadSize > 0) {
                    labels.isoUuidBox(uuid, storage.readRange(key, offset + headerSize + 16,
                            (int) Math.min(payloadSize, AiLabelReader.MAX_SCAN_BYTES)));
                }
            }
            offset += boxSize;
        }
        if (moovOffset < 0) {
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.noMoov");
        }
        if (moovSize > config.videos().maxMetadataBytes() || ftypSize > 4096) {
            throw new Rejected(Rejection.UNREADABLE, "media.rejected.moovTooLarge");
        }
    }

    private static String colorSpace(Metadata metadata) {
        IccDirectory icc = metadata.getFirstDirectoryOfType(IccDirectory.class);
        if (icc != null && icc.getString(IccDirectory.TAG_TAG_desc) != null) {
            return icc.getString(IccDirectory.TAG_TAG_desc).strip();
        }
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif != null && exif.containsTag(ExifSubIFDDirectory.TAG_COLOR_SPACE)) {
            return exif.getDescription(ExifSubIFDDirectory.TAG_COLOR_SPACE);
        }
        JpegDirectory jpeg = metadata.getFirstDirectoryOfType(JpegDirectory.class);
        if (jpeg != null && jpeg.getInteger(JpegDirectory.TAG_NUMBER_OF_COMPONENTS) != null) {
            return switch (jpeg.getInteger(JpegDirectory.TAG_NUMBER_OF_COMPONENTS)) {
                case 1 -> "Grayscale";
                case 3 -> "YCbCr";
                case 4 -> "CMYK";
                default -> null;
            };
        }
        PngDirectory png = metadata.getFirstDirectoryOfType(PngDirectory.class);
        return png == null ? null : png.getDescription(PngDirectory.TAG_COLOR_TYPE);
    }

    private static String camera(ExifIFD0Directory ifd0) {
        String make = ifd0.getString(ExifIFD0Directory.TAG_MAKE);
        String model = ifd0.getString(ExifIFD0Directory.TAG_MODEL);
        String camera = ((make == null ? "" : make.strip()) + " " + (model == null ? "" : model.strip())).strip();
        return camera.isEmpty() ? null : camera;
    }

    /** The first value found, given as pairs of directory class and tag. */
    private static Integer firstInt(Metadata metadata, Object... classAndTag) {
        for (int i = 0; i < classAndTag.length; i += 2) {
            @SuppressWarnings("unchecked")
            Class<? extends Directory> type = (Class<? extends Directory>) classAndTag[i];
            for (Directory d : metadata.getDirectoriesOfType(type)) {
                Integer value = d.getInteger((Integer) classAndTag[i + 1]);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
