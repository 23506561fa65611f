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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
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
 * <li>PNG, WebP and TIFF: no library here rewrites their metadata losslessly, so outlets get a PNG drawn from the
 * decoded pixels (lossless, full resolution, no metadata of the original) with the rights in PNG text chunks.
 * </ul>
 * Copies are made on first request and kept; a changed credit line or licence makes a new one.
 */
@ApplicationScoped
public class DistributionCopies {

    /** A stored copy. */
    public record Copy(String objectKey, String contentType, String extension, long sizeBytes) {
    }

    private final MediaStorage storage;
    private final Ffmpeg ffmpeg;
    private final ImageRenderer images;
    private final MediaConfig config;
    private final Clock clock;

    public DistributionCopies(MediaStorage storage, Ffmpeg ffmpeg, ImageRenderer images, MediaConfig config,
            Clock clock) {
        this.storage = storage;
        this.ffmpeg = ffmpeg;
        this.images = images;
        this.config = config;
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
        try {
            Made made = make(asset, rights);
            String key = "distribution/" + RenditionWorker.newBlindKey() + "." + made.extension();
            storage.put(key, made.bytes(), made.contentType());
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(made.bytes()));
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
                        .setParameter(8, (long) made.bytes().length)
                        .setParameter(9, clock.instant().truncatedTo(ChronoUnit.MICROS))
                        .setParameter(10, AiMark.key(rights.ai())).executeUpdate();
                return old.isEmpty() ? null : old.getFirst();
            });
            if (previous != null && !previous.equals(key)) {
                storage.remove(previous);
            }
            return new Copy(key, made.contentType(), made.extension(), made.bytes().length);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
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

    private record Made(byte[] bytes, String contentType, String extension) {
    }

    private Made make(MediaAsset asset, Rights rights) throws IOException {
        MediaFormat format = MediaFormat.ofMimeType(asset.mimeType).orElseThrow();
        return switch (format) {
            case JPEG -> new Made(jpeg(readAll(asset), rights), "image/jpeg", "jpg");
            case MP4, MOV, WEBM -> new Made(video(asset, format, rights), format.mimeType(), format.extension());
            default -> new Made(png(asset, rights), "image/png", "png");
        };
    }

    private byte[] readAll(MediaAsset asset) throws IOException {
        try (InputStream in = storage.open(asset.objectKey)) {
            return in.readAllBytes();
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

    private byte[] video(MediaAsset asset, MediaFormat format, Rights rights) throws IOException {
        String source = storage.presignGet(asset.objectKey, Duration.ofMinutes(30), asset.mimeType, "inline");
        Path out = Files.createTempFile("kepu-distribution", "." + format.extension());
        try {
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
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private byte[] png(MediaAsset asset, Rights rights) throws IOException {
        java.awt.image.BufferedImage pixels;
        try (InputStream in = storage.open(asset.objectKey)) {
            pixels = javax.imageio.ImageIO.read(in);
        }
        if (pixels == null) {
            throw new IOException("no decoder for " + asset.mimeType);
        }
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
        var type = javax.imageio.ImageTypeSpecifier.createFromRenderedImage(pixels);
        javax.imageio.metadata.IIOMetadata metadata = writer.getDefaultImageMetadata(type, null);
        var root = new javax.imageio.metadata.IIOMetadataNode("javax_imageio_png_1.0");
        var text = new javax.imageio.metadata.IIOMetadataNode("iTXt");
        List<String[]> entries = new java.util.ArrayList<>(List.of(new String[] {"Author", rights.credit()},
                new String[] {"Copyright", rights.notice()}, new String[] {"Source", rights.source()}));
        if (rights.ai() != null) {
            entries.add(new String[] {"AIGC", rights.ai().aigcJson()});
            entries.add(new String[] {"XML:com.adobe.xmp", xmp(rights)});
        }
        for (String[] entry : entries) {
            var e = new javax.imageio.metadata.IIOMetadataNode("iTXtEntry");
            e.setAttribute("keyword", entry[0]);
            e.setAttribute("compressionFlag", "FALSE");
            e.setAttribute("compressionMethod", "0");
            e.setAttribute("languageTag", "");
            e.setAttribute("translatedKeyword", "");
            e.setAttribute("text", entry[1]);
            text.appendChild(e);
        }
        root.appendChild(text);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(new javax.imageio.IIOImage(pixels, null, metadata));
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

}
