package cn.kepu.media.media;

import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.AiUse;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcRecord;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcTypes;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.PhotoshopApp13Data;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputField;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;

/**
 * The copies media outlets download: full resolution and the same encoded pictures and sound as the original, with
 * its location, device serials and personal tags removed and the credit line, licence and source written into the
 * file's standard rights metadata. The untouched original stays with its owner, moderators and organizers.
 *
 * <ul>
 * <li>JPEG (Apache Commons Imaging, lossless rewriting: the compressed image data is copied byte for byte): EXIF is
 * rebuilt from a short allow-list (orientation, camera make and model, capture time, exposure) so GPS, serial
 * numbers, owner and artist names, maker notes, comments and the embedded thumbnail are gone; the XMP packet is
 * replaced by one with {@code dc:rights}, {@code dc:creator}, {@code xmpRights:UsageTerms}/{@code WebStatement},
 * {@code photoshop:Credit}/{@code Source}; IPTC is replaced by Credit, Source, Copyright Notice and By-line (UTF-8).
 * <li>MP4, MOV and WebM (ffmpeg stream copy, no re-encoding): only the picture and sound tracks are kept (data
 * tracks such as camera GPS telemetry are dropped), every global and per-track tag is dropped (location,
 * {@code com.apple.quicktime.*} device keys, encoder), and {@code copyright}, {@code artist} and {@code comment}
 * (licence and source) are written as the container's standard tags (QuickTime {@code ©cpy}/{@code ©ART}, MP4
 * {@code cprt}, Matroska tags).
 * <li>PNG ({@link PngChunks}, a stream of chunks): the picture's chunks are copied byte for byte, every other chunk
 * (text, EXIF, time, C2PA, private chunks) is dropped, and the rights are written as {@code iTXt} chunks.
 * <li>WebP and TIFF: no library here rewrites their metadata losslessly, so outlets get a PNG drawn by ffmpeg from the
 * decoded pixels (lossless, full resolution, out of the JVM's heap), then filtered and given the rights as above.
 * </ul>
 * Copies are made on first request and kept; a changed credit line or licence makes a new one. Making one takes
 * bounded heap whatever the size of the file (see {@link #make}): files go through temporary files
 * ({@link MediaScratch}), pictures are decoded by ffmpeg, out of the heap (in the heap only what ffmpeg cannot decode,
 * an animated WebP, and then only within the {@link RasterBudget}).
 */
@ApplicationScoped
public class DistributionCopies {

    /** A stored copy. */
    public record Copy(String objectKey, String contentType, String extension, long sizeBytes) {
    }

    private final MediaStorage storage;
    private final Ffmpeg ffmpeg;
    private final MediaConfig config;
    private final MediaScratch scratch;
    private final RasterBudget budget;
    private final Clock clock;

    public DistributionCopies(MediaStorage storage, Ffmpeg ffmpeg, MediaConfig config, MediaScratch scratch,
            RasterBudget budget, Clock clock) {
        this.storage = storage;
        this.budget = budget;
        this.ffmpeg = ffmpeg;
        this.config = config;
        this.scratch = scratch;
        this.clock = clock;
    }

    /** The outlet copy of an asset for the work's current credit line and licence, made now if needed. */
    public Copy copyOf(MediaAsset asset, Work work) {
        Rights rights = new Rights(work.creditLine, work.licence, "kepu-media 科普作品 " + work.id,
                AiMark.of(asset, work));
        @SuppressWarnings("unchecked")
        List<Object[]> existing = QuarkusTransaction.requiringNew().call(() -> MediaAsset.getEntityManager()
                .createNativeQuery("SELECT object_key, content_type, extension, size_bytes FROM distribution_copy"
                        + " WHERE asset_id = ?1 AND credit_line = ?2 AND licence = ?3 AND ai_label = ?4")
                .setParameter(1, asset.id).setParameter(2, rights.credit()).setParameter(3, rights.licence().name())
                .setParameter(4, AiMark.key(rights.ai()))
                .getResultList());
        if (!existing.isEmpty()) {
            Object[] row = existing.getFirst();
            return new Copy((String) row[0], (String) row[1], (String) row[2], ((Number) row[3]).longValue());
        }
        try (MediaScratch.Scratch files = scratch.open()) {
            Made made = make(asset, rights, files);
            String key = "distribution/" + RenditionWorker.newBlindKey() + "." + made.extension();
            long size = Files.size(made.file());
            String sha256 = MediaScratch.sha256(made.file());
            storage.put(key, made.file(), made.contentType());
            String previous = QuarkusTransaction.requiringNew().call(() -> {
                var em = MediaAsset.getEntityManager();
                @SuppressWarnings("unchecked")
                List<String> old = em.createNativeQuery("SELECT object_key FROM distribution_copy WHERE asset_id = ?1")
                        .setParameter(1, asset.id).getResultList();
                em.createNativeQuery("""
                        INSERT INTO distribution_copy (asset_id, object_key, content_type, extension, credit_line,
                                                       licence, sha256, size_bytes, created_at, ai_label)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                        ON CONFLICT (asset_id) DO UPDATE SET object_key = excluded.object_key,
                            content_type = excluded.content_type, extension = excluded.extension,
                            credit_line = excluded.credit_line, licence = excluded.licence, sha256 = excluded.sha256,
                            size_bytes = excluded.size_bytes, created_at = excluded.created_at,
                            ai_label = excluded.ai_label""")
                        .setParameter(1, asset.id).setParameter(2, key).setParameter(3, made.contentType())
                        .setParameter(4, made.extension()).setParameter(5, rights.credit())
                        .setParameter(6, rights.licence().name()).setParameter(7, sha256)
                        .setParameter(8, size)
                        .setParameter(9, clock.instant().truncatedTo(ChronoUnit.MICROS))
                        .setParameter(10, AiMark.key(rights.ai())).executeUpdate();
                return old.isEmpty() ? null : old.getFirst();
            });
            if (previous != null && !previous.equals(key)) {
                storage.remove(previous);
            }
            return new Copy(key, made.contentType(), made.extension(), size);
        } catch (IOException e) {
            throw new MediaStorage.StorageFailure("making the distribution copy of " + asset.id, e);
        }
    }

    /**
     * The AI label written into a copy, so it survives distribution: from the file's own label when it says AI made
     * it, else from the entrant's declaration. Null: the copy carries none.
     *
     * @param kind        GENERATED, COMPOSITE or POSSIBLY_GENERATED
     * @param producer    the generating service, if known
     * @param propagateId the work's id (the standard's PropagateID, with kepu-media as ContentPropagator)
     */
    record AiMark(AiLabelKind kind, String producer, String propagateId) {

        static AiMark of(MediaAsset asset, Work work) {
            if (asset.aiLabel != null && asset.aiLabel.aiMade()) {
                return new AiMark(asset.aiLabel, asset.aiLabelProducer, work.id.toString());
            }
            if (work.aiUse == AiUse.GENERATED) {
                return new AiMark(AiLabelKind.GENERATED, null, work.id.toString());
            }
            if (work.aiUse == AiUse.ASSISTED) {
                return new AiMark(AiLabelKind.COMPOSITE, null, work.id.toString());
            }
            return null;
        }

        static String key(AiMark mark) {
            return mark == null ? "" : mark.kind().name() + "|" + (mark.producer() == null ? "" : mark.producer());
        }

        String digitalSourceType() {
            return AiLabelReader.DIGITAL_SOURCE_TYPES + (kind == AiLabelKind.GENERATED ? "trainedAlgorithmicMedia"
                    : "compositeWithTrainedAlgorithmicMedia");
        }

        /** The GB 45438-2025 implicit label: Label 1 (AI-generated) or 2 (possibly), with producer and propagator. */
        String aigcJson() {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            node.put("Label", kind == AiLabelKind.POSSIBLY_GENERATED ? "2" : "1");
            node.put("ContentProducer", producer == null ? "" : producer);
            node.put("ProduceID", "");
            node.put("ReservedCode1", "");
            node.put("ContentPropagator", "kepu-media");
            node.put("PropagateID", propagateId);
            node.put("ReservedCode2", "");
            return node.toString();
        }
    }

    record Rights(String credit, Licence licence, String source, AiMark ai) {

        Rights(String credit, Licence licence, String source) {
            this(credit, licence, source, null);
        }

        String notice() {
            return "© " + credit + " · " + licence.title() + (licence.url() == null ? "" : " " + licence.url());
        }
    }

    /** A copy made in a temporary file. */
    private record Made(Path file, String contentType, String extension) {
    }

    /**
     * Every path streams: the original goes from the store to a temporary file or straight through a chunk filter,
     * tools run out of process, and the copy is uploaded from its file. The heap holds at most a JPEG's metadata
     * segments and copy buffers, whatever the size of the file or its picture.
     */
    private Made make(MediaAsset asset, Rights rights, MediaScratch.Scratch files) throws IOException {
        MediaFormat format = MediaFormat.ofMimeType(asset.mimeType).orElseThrow();
        Path copy = files.file("." + (format.isVideo() ? format.extension() : format == MediaFormat.JPEG ? "jpg"
                : "png"));
        switch (format) {
            case JPEG -> {
                Path original = files.file(".jpg");
                storage.download(asset.objectKey, original);
                jpeg(original, rights, copy);
                return new Made(copy, "image/jpeg", "jpg");
            }
            case MP4, MOV, WEBM -> {
                video(asset, format, rights, copy);
                return new Made(copy, format.mimeType(), format.extension());
            }
            case PNG -> {
                try (InputStream in = new java.io.BufferedInputStream(storage.open(asset.objectKey), 64 * 1024);
                        OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(copy))) {
                    PngChunks.rewrite(in, out, pngText(rights));
                }
                return new Made(copy, "image/png", "png");
            }
            default -> {
                // WebP and TIFF: decoded and written as a lossless PNG by ffmpeg (out of the heap), then given the
                // rights as any PNG; whatever metadata ffmpeg carried over is dropped by the same chunk filter.
                Path original = files.file("." + format.extension());
                storage.download(asset.objectKey, original);
                Path drawn = files.file(".png");
                try {
                    ffmpeg.transcode(List.of("-max_pixels", Long.toString(config.images().maxPixels()),
                            "-noautorotate", "-i", original.toString(), "-map", "0:v:0", "-frames:v", "1",
                            "-map_metadata", "-1", "-c:v", "png", "-f", "image2", "-update", "1", drawn.toString()),
                            config.renditions().videoTimeLimit(), null);
                } catch (Ffmpeg.Failure e) {
                    drawInHeap(original, asset, drawn, e);
                }
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(drawn), 64 * 1024);
                        OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(copy))) {
                    PngChunks.rewrite(in, out, pngText(rights));
                }
                return new Made(copy, "image/png", "png");
            }
        }
    }

    /**
     * What ffmpeg cannot decode (animated WebP, in ffmpeg 8.1) ImageIO may: its first picture, decoded whole in the
     * heap, so only within the {@link RasterBudget}; a larger one is refused rather than risking the heap.
     */
    private void drawInHeap(Path original, MediaAsset asset, Path drawn, Ffmpeg.Failure why) throws IOException {
        long pixels = asset.width == null || asset.height == null ? Long.MAX_VALUE
                : (long) asset.width * asset.height;
        // The decoded ARGB raster, and as much again for the PNG writer's rows and deflater at worst.
        long need = pixels > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : pixels * 8;
        if (!budget.fits(need)) {
            throw new IOException("ffmpeg cannot decode " + asset.mimeType + " (" + why.getMessage()
                    + ") and a " + asset.width + " x " + asset.height + " picture is too large to decode in the heap's"
                    + " raster budget");
        }
        try (RasterBudget.Lease lease = budget.acquire(need)) {
            java.awt.image.BufferedImage pixelsRead = javax.imageio.ImageIO.read(original.toFile());
            if (pixelsRead == null) {
                throw new IOException("no decoder for " + asset.mimeType + ": " + why.getMessage());
            }
            if (!javax.imageio.ImageIO.write(pixelsRead, "png", drawn.toFile())) {
                throw new IOException("no PNG writer");
            }
        }
    }

    /** The rights as PNG text: author, copyright notice, source, and the AI label (JSON and XMP) when there is one. */
    static List<Map.Entry<String, String>> pngText(Rights rights) {
        List<Map.Entry<String, String>> entries = new java.util.ArrayList<>(List.of(Map.entry("Author",
                rights.credit()), Map.entry("Copyright", rights.notice()), Map.entry("Source", rights.source())));
        if (rights.ai() != null) {
            entries.add(Map.entry("AIGC", rights.ai().aigcJson()));
            entries.add(Map.entry("XML:com.adobe.xmp", xmp(rights)));
        }
        return entries;
    }

    /** Most bytes of metadata segments before a JPEG's image data that are rewritten in memory. */
    private static final int MAX_JPEG_HEAD = 16 * 1024 * 1024;

    /**
     * The JPEG rewrite of {@link #jpeg(byte[], Rights)} on a file: only the part before the start of scan (the
     * metadata segments, at most {@value #MAX_JPEG_HEAD} bytes) is given to Commons Imaging, whose rewriters would
     * otherwise read the whole entropy-coded image into memory; the image data after it is copied from the file
     * as a stream. The result is byte for byte what the rewriters make of the whole file.
     */
    static void jpeg(Path original, Rights rights, Path copy) throws IOException {
        long scan;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(original), 64 * 1024)) {
            scan = startOfScan(in, MAX_JPEG_HEAD);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(original)) {
            head = in.readNBytes(Math.toIntExact(scan + 2));
        }
        byte[] rewritten = jpeg(head, rights);
        try (InputStream in = Files.newInputStream(original);
                OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(copy), 64 * 1024)) {
            out.write(rewritten);
            in.skipNBytes(scan + 2);
            in.transferTo(out);
        }
    }

    /**
     * Where the start-of-scan (or end-of-image) marker begins, found as Commons Imaging's JFIF traversal finds it:
     * fill bytes skipped, every other marker followed by a two-byte length.
     */
    static long startOfScan(InputStream in, long limit) throws IOException {
        if (in.read() != 0xFF || in.read() != 0xD8) {
            throw new IOException("not a JPEG: no start-of-image marker");
        }
        long position = 2;
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("JPEG ends before its image data");
            }
            position++;
            if (previous == 0xFF && b != 0xFF) {
                if (b == 0xD9 || b == 0xDA) {
                    return position - 2;
                }
                int high = in.read();
                int low = in.read();
                if (high < 0 || low < 0) {
                    throw new java.io.EOFException("JPEG segment length cut off");
                }
                int length = (high << 8) | low;
                if (length < 2) {
                    throw new IOException("invalid JPEG segment size");
                }
                in.skipNBytes(length - 2);
                position += length;
                if (position > limit) {
                    throw new IOException("JPEG metadata segments larger than " + (limit >> 20) + " MiB");
                }
                previous = -1;
            } else {
                previous = b;
            }
        }
    }

    /** Lossless: each step rewrites metadata segments only; the entropy-coded image data is copied unchanged. */
    static byte[] jpeg(byte[] original, Rights rights) throws IOException {
        TiffOutputSet kept = new TiffOutputSet();
        if (Imaging.getMetadata(original) instanceof JpegImageMetadata metadata && metadata.getExif() != null) {
            TiffOutputSet all = metadata.getExif().getOutputSet();
            copy(all, kept.getOrCreateRootDirectory(), TiffTagConstants.TIFF_TAG_ORIENTATION.tag,
                    TiffTagConstants.TIFF_TAG_MAKE.tag, TiffTagConstants.TIFF_TAG_MODEL.tag,
                    TiffTagConstants.TIFF_TAG_XRESOLUTION.tag, TiffTagConstants.TIFF_TAG_YRESOLUTION.tag,
                    TiffTagConstants.TIFF_TAG_RESOLUTION_UNIT.tag);
            copy(all, kept.getOrCreateExifDirectory(), ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL.tag,
                    ExifTagConstants.EXIF_TAG_EXPOSURE_TIME.tag, ExifTagConstants.EXIF_TAG_FNUMBER.tag,
                    ExifTagConstants.EXIF_TAG_ISO.tag, ExifTagConstants.EXIF_TAG_FOCAL_LENGTH.tag);
        }
        byte[] bytes = original;
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8192);
        if (kept.getRootDirectory() != null && !kept.getRootDirectory().getFields().isEmpty()) {
            new ExifRewriter().updateExifMetadataLossless(bytes, out, kept);
        } else {
            new ExifRewriter().removeExifMetadata(bytes, out);
        }
        bytes = out.toByteArray();
        out.reset();
        new JpegXmpRewriter().updateXmpXml(bytes, out, xmp(rights));
        bytes = out.toByteArray();
        out.reset();
        new JpegIptcRewriter().writeIptc(bytes, out, new PhotoshopApp13Data(List.of(
                new IptcRecord(IptcTypes.BYLINE, rights.credit()),
                new IptcRecord(IptcTypes.CREDIT, rights.credit()),
                new IptcRecord(IptcTypes.SOURCE, rights.source()),
                new IptcRecord(IptcTypes.COPYRIGHT_NOTICE, rights.notice()),
                new IptcRecord(IptcTypes.SPECIAL_INSTRUCTIONS, rights.licence().title())), List.of(), true));
        return out.toByteArray();
    }

    private static void copy(TiffOutputSet from, TiffOutputDirectory to, int... tags) throws ImagingException {
        for (int tag : tags) {
            TiffOutputField field = from.findField(tag);
            if (field != null) {
                to.add(field);
            }
        }
    }

    static String xmp(Rights rights) {
        String url = rights.licence().url() == null ? "" : rights.licence().url();
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about=""
                    xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
                    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"%6$s
                    photoshop:Credit="%1$s" photoshop:Source="%2$s" xmpRights:Marked="True"%3$s>
                   <dc:creator><rdf:Seq><rdf:li>%1$s</rdf:li></rdf:Seq></dc:creator>
                   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">%4$s</rdf:li></rdf:Alt></dc:rights>
                   <xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">%5$s</rdf:li></rdf:Alt></xmpRights:UsageTerms>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>""".formatted(escape(rights.credit()), escape(rights.source()),
                url.isEmpty() ? "" : " xmpRights:WebStatement=\"" + escape(url) + "\"", escape(rights.notice()),
                escape(rights.licence().title() + (url.isEmpty() ? "" : " " + url)), aiXmp(rights.ai()));
    }

    /** The AI label as XMP attributes: IPTC DigitalSourceType and the national standard's TC260:AIGC. */
    private static String aiXmp(AiMark ai) {
        if (ai == null) {
            return "";
        }
        return "\n    xmlns:Iptc4xmpExt=\"" + AiLabelReader.IPTC_EXT + "\" xmlns:TC260=\"" + AiLabelReader.TC260 + "\""
                + "\n    Iptc4xmpExt:DigitalSourceType=\"" + escape(ai.digitalSourceType()) + "\""
                + " TC260:AIGC=\"" + escape(ai.aigcJson()) + "\"";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void video(MediaAsset asset, MediaFormat format, Rights rights, Path out) throws IOException {
        String source = storage.presignGet(asset.objectKey, Duration.ofMinutes(30), asset.mimeType, "inline");
        List<String> args = new java.util.ArrayList<>(List.of("-rw_timeout", "30000000", "-i", source,
                "-map", "0:v", "-map", "0:a?", "-c", "copy",
                "-map_metadata", "-1", "-map_chapters", "-1",
                "-metadata:s:v", "handler_name=", "-metadata:s:a", "handler_name=",
                "-metadata:s:v", "encoder=", "-metadata:s:a", "encoder=",
                "-metadata", "copyright=" + rights.notice(), "-metadata", "artist=" + rights.credit(),
                "-metadata", "comment=" + rights.licence().title() + " · " + rights.source(),
                "-fflags", "+bitexact"));
        if (rights.ai() != null) {
            // The national standard's label as a container tag (MP4/MOV keep custom keys with use_metadata_tags).
            args.addAll(List.of("-metadata", "AIGC=" + rights.ai().aigcJson()));
            if (format != MediaFormat.WEBM) {
                args.addAll(List.of("-movflags", "+use_metadata_tags"));
            }
        }
        args.addAll(List.of(
                "-f", switch (format) {
                    case MOV -> "mov";
                    case WEBM -> "webm";
                    default -> "mp4";
                }, out.toString()));
        ffmpeg.transcode(args, config.renditions().videoTimeLimit(), null);
    }
}
