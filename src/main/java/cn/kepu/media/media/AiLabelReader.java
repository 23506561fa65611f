package cn.kepu.media.media;

import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.AiLabelSource;
import cn.kepu.media.works.DetectedAiLabel;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.imaging.png.PngChunk;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.png.PngProcessingException;
import com.drew.lang.KeyValuePair;
import com.drew.lang.StreamReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the implicit AI-generation labels generators write into files, as China's labelling measures (in force
 * 2025-09-01) and GB 45438-2025 ask for, and as the IPTC and C2PA conventions do:
 *
 * <ul>
 * <li><b>XMP {@code Iptc4xmpExt:DigitalSourceType}</b>: {@code trainedAlgorithmicMedia} (generated),
 * {@code compositeWithTrainedAlgorithmicMedia} (composite); parsed by metadata-extractor (Adobe XMPCore).
 * <li><b>The national standard's {@code AIGC} field</b>: a JSON object with {@code Label} 1 (AI-generated), 2
 * (possibly) or 3 (suspected) and {@code ContentProducer}, in XMP ({@code TC260:AIGC}, namespace
 * {@code http://www.tc260.org.cn/ns/AIGC/1.0/}), in EXIF text tags, PNG text chunks or container tags.
 * <li><b>C2PA manifest stores</b> (JUMBF): JPEG APP11 segments ({@code JP} + {@code jumb}…{@code c2pa}), the PNG
 * {@code caBX} chunk, the ISO-BMFF {@code uuid} box {@code d8fec3d6-1b0e-483c-9297-5828877ec481}. A manifest
 * whose actions name a trained-model digital source type says generated or composite; any other manifest is
 * provenance only. Signatures are not verified: the label is what the file claims, shown as such.
 * </ul>
 * Pure apart from reading the given streams, which it reads only as far as the metadata goes (JPEG: up to the start
 * of scan; PNG: chunk headers, skipping pixel data) and with bounded memory.
 */
public final class AiLabelReader {

    static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    static final String TC260 = "http://www.tc260.org.cn/ns/AIGC/1.0/";
    static final String DIGITAL_SOURCE_TYPES = "http://cv.iptc.org/newscodes/digitalsourcetype/";
    /** The ISO-BMFF uuid box of a C2PA manifest store. */
    static final byte[] C2PA_UUID = HexFormat.of().parseHex("d8fec3d61b0e483c92975828877ec481");
    /** The ISO-BMFF uuid box of an XMP packet. */
    static final byte[] XMP_UUID = HexFormat.of().parseHex("be7acfcb97a942e89c71999491e3afac");
    /** How much of a manifest store or XMP packet is looked at; larger ones are read this far. */
    static final int MAX_SCAN_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PngChunkType CABX;

    static {
        try {
            CABX = new PngChunkType("caBX", true);
        } catch (PngProcessingException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AiLabelKind kind;
    private final Set<AiLabelSource> sources = EnumSet.noneOf(AiLabelSource.class);
    private String producer;

    /** What was found so far; null when nothing. */
    public DetectedAiLabel result() {
        return kind == null ? null : new DetectedAiLabel(kind, List.copyOf(sources), producer);
    }

    void found(AiLabelKind what, AiLabelSource where) {
        kind = AiLabelKind.strongest(kind, what);
        sources.add(where);
    }

    /** XMP (DigitalSourceType, TC260:AIGC), EXIF text tags and PNG text chunks as metadata-extractor read them. */
    public AiLabelReader metadata(Metadata metadata) {
        for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            xmp(xmp.getXMPMeta());
        }
        for (Class<? extends Directory> type : List.of(ExifIFD0Directory.class, ExifSubIFDDirectory.class)) {
            for (Directory directory : metadata.getDirectoriesOfType(type)) {
                for (Tag tag : directory.getTags()) {
                    String text = directory.getString(tag.getTagType(), "UTF-8");
                    if (text != null && text.contains("AIGC")) {
                        aigcJson(text);
                    }
                }
            }
        }
        for (PngDirectory png : metadata.getDirectoriesOfType(PngDirectory.class)) {
            if (png.getObject(PngDirectory.TAG_TEXTUAL_DATA) instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    if (pair instanceof KeyValuePair kv && kv.getKey().strip().equalsIgnoreCase("AIGC")) {
                        aigcJson(kv.getValue().toString(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return this;
    }

    /** An XMP packet as text (e.g. from an ISO-BMFF uuid box); unparsable packets are ignored. */
    public AiLabelReader xmpPacket(String packet) {
        try {
            xmp(XMPMetaFactory.parseFromString(packet.strip()));
        } catch (XMPException | RuntimeException e) {
            // Not XMP after all: no label from it.
        }
        return this;
    }

    void xmp(XMPMeta xmp) {
        if (xmp == null) {
            return;
        }
        try {
            String type = xmp.getPropertyString(IPTC_EXT, "DigitalSourceType");
            AiLabelKind fromType = digitalSourceType(type);
            if (fromType != null) {
                found(fromType, AiLabelSource.XMP_DIGITAL_SOURCE_TYPE);
            }
            String aigc = xmp.getPropertyString(TC260, "AIGC");
            if (aigc != null) {
                aigcJson(aigc);
            }
        } catch (XMPException e) {
            // A malformed property: nothing to read from it.
        }
    }

    /** The IPTC digital source type vocabulary, by its code or its full URI. */
    static AiLabelKind digitalSourceType(String value) {
        if (value == null) {
            return null;
        }
        String code = value.strip();
        code = code.substring(code.lastIndexOf('/') + 1);
        return switch (code) {
            case "trainedAlgorithmicMedia" -> AiLabelKind.GENERATED;
            case "compositeWithTrainedAlgorithmicMedia" -> AiLabelKind.COMPOSITE;
            default -> null;
        };
    }

    /** The national standard's label: JSON with Label 1/2/3, maybe wrapped as {"AIGC": {...}} or in other text. */
    public AiLabelReader aigcJson(String text) {
        if (text == null) {
            return this;
        }
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return this;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text.substring(start, end + 1));
        } catch (IOException e) {
            return this;
        }
        if (node.has("AIGC")) {
            node = node.get("AIGC");
            if (node.isTextual()) {
                return aigcJson(node.asText());
            }
        }
        String label = node.path("Label").asText("").strip();
        AiLabelKind what = switch (label) {
            case "1" -> AiLabelKind.GENERATED;
            case "2", "3" -> AiLabelKind.POSSIBLY_GENERATED;
            default -> null;
        };
        if (what != null) {
            found(what, AiLabelSource.AIGC_METADATA);
            String named = node.path("ContentProducer").asText("").strip();
            if (!named.isEmpty() && producer == null) {
                producer = named.length() <= 200 ? named : named.substring(0, 200);
            }
        }
        return this;
    }

    /** JPEG: the APP11 segments before the start of scan, where C2PA keeps its JUMBF manifest store. */
    public AiLabelReader jpeg(InputStream in) throws IOException {
        JpegSegmentData segments;
        try {
            segments = JpegSegmentReader.readSegments(new StreamReader(in), List.of(JpegSegmentType.APPB));
        } catch (JpegProcessingException e) {
            return this;
        }
        ByteArrayOutputStream store = new ByteArrayOutputStream();
        for (byte[] segment : segments.getSegments(JpegSegmentType.APPB)) {
            // JPEG XT box: "JP", instance (2), sequence (4), then the JUMBF box (or its continuation).
            if (segment.length > 8 && segment[0] == 'J' && segment[1] == 'P' && store.size() < MAX_SCAN_BYTES) {
                store.write(segment, 8, segment.length - 8);
            }
        }
        if (store.size() > 0) {
            jumbf(store.toByteArray());
        }
        return this;
    }

    /** PNG: a {@code caBX} chunk holds a C2PA manifest store; other chunks are skipped without being read. */
    public AiLabelReader png(InputStream in) throws IOException {
        try {
            for (PngChunk chunk : new PngChunkReader().extract(new StreamReader(in), Set.of(CABX))) {
                jumbf(chunk.getBytes());
            }
        } catch (PngProcessingException e) {
            // Verification already accepted the file; a chunk we cannot walk carries no label we can read.
        }
        return this;
    }

    /** An ISO-BMFF top-level {@code uuid} box's payload after its 16-byte id. */
    public AiLabelReader isoUuidBox(byte[] uuid, byte[] payload) {
        if (java.util.Arrays.equals(uuid, C2PA_UUID)) {
            jumbf(payload);
        } else if (java.util.Arrays.equals(uuid, XMP_UUID)) {
            xmpPacket(new String(payload, StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Container tags as ffprobe reports them ({@code format.tags}): an {@code AIGC} tag, or AIGC JSON in a comment. */
    public AiLabelReader containerTags(JsonNode tags) {
        if (tags == null) {
            return this;
        }
        for (Iterator<String> names = tags.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String value = tags.path(name).asText("");
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("aigc") || lower.endsWith(":aigc") || lower.endsWith(".aigc")
                    || (value.contains("AIGC") && value.contains("Label"))) {
                aigcJson(value);
            }
        }
        return this;
    }

    /**
     * A JUMBF C2PA manifest store. Presence alone is provenance; the trained-model digital source types in its
     * actions assertion (CBOR text strings) make it a generation label.
     */
    void jumbf(byte[] store) {
        String text = new String(store, 0, Math.min(store.length, MAX_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        if (!text.contains("jumb") || !text.contains("c2pa")) {
            return;
        }
        AiLabelKind what = AiLabelKind.PROVENANCE_MANIFEST;
        if (text.contains("compositeWithTrainedAlgorithmicMedia")) {
            what = AiLabelKind.COMPOSITE;
        }
        if (text.contains("/trainedAlgorithmicMedia")) {
            what = AiLabelKind.GENERATED;
        }
        found(what, AiLabelSource.C2PA_MANIFEST);
    }
}
