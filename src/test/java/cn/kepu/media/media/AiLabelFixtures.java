package cn.kepu.media.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;

/**
 * Files carrying the implicit AI labels generators write, built in the test from plain images: XMP
 * DigitalSourceType, the national standard's TC260:AIGC field, a C2PA manifest store in a JPEG APP11 segment or a
 * PNG caBX chunk. The manifest stores are minimal JUMBF (superbox, description box labelled c2pa, an actions
 * assertion as text) and unsigned: the reader looks for their presence and their digital source type only.
 */
public final class AiLabelFixtures {

    public static final String GENERATED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    public static final String COMPOSITE =
            "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";
    public static final String CAPTURED = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture";

    private AiLabelFixtures() {
    }

    /** A JPEG whose XMP says {@code Iptc4xmpExt:DigitalSourceType} = the given URI. */
    public static byte[] jpegWithDigitalSourceType(byte[] jpeg, String type) {
        return withXmp(jpeg, """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                 <rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">
                  <Iptc4xmpExt:DigitalSourceType rdf:resource="%s"/>
                 </rdf:Description></rdf:RDF></x:xmpmeta>""".formatted(type));
    }

    /**
     * An MP4 with an XMP packet saying {@code Iptc4xmpExt:DigitalSourceType} = the given URI, in a top-level
     * ISO-BMFF {@code uuid} box {@code be7acfcb-97a9-42e8-9c71-999491e3afac} after the file's own boxes: where
     * Adobe's tools and exiftool write XMP into MP4 and MOV files.
     */
    public static byte[] mp4WithDigitalSourceType(byte[] mp4, String type) {
        String xmp = """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                 <rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">
                  <Iptc4xmpExt:DigitalSourceType rdf:resource="%s"/>
                 </rdf:Description></rdf:RDF></x:xmpmeta>
                <?xpacket end="w"?>""".formatted(type);
        return concat(mp4, box("uuid", concat(AiLabelReader.XMP_UUID, xmp.getBytes(StandardCharsets.UTF_8))));
    }

    /** A JPEG whose XMP carries the GB 45438-2025 label {@code TC260:AIGC} with the given Label value. */
    public static byte[] jpegWithAigc(byte[] jpeg, String label, String producer) {
        String json = "{&quot;Label&quot;:&quot;" + label + "&quot;,&quot;ContentProducer&quot;:&quot;" + producer
                + "&quot;,&quot;ProduceID&quot;:&quot;p-1&quot;}";
        return withXmp(jpeg, """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                 <rdf:Description rdf:about="" xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/" TC260:AIGC="%s"/>
                </rdf:RDF></x:xmpmeta>""".formatted(json));
    }

    /** A JPEG with a C2PA manifest store in an APP11 segment right after SOI. */
    public static byte[] jpegWithC2pa(byte[] jpeg, String digitalSourceType) {
        byte[] store = manifestStore(digitalSourceType);
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.writeBytes(new byte[] {'J', 'P', 0, 1, 0, 0, 0, 1});
        segment.writeBytes(store);
        byte[] payload = segment.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xEB});
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) (payload.length + 2)).array());
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A PNG with a C2PA manifest store in a caBX chunk right after IHDR. */
    public static byte[] pngWithC2pa(byte[] png, String digitalSourceType) {
        return pngWithChunk(png, "caBX", manifestStore(digitalSourceType));
    }

    /** A PNG with an iTXt chunk {@code AIGC} holding the national standard's JSON label (UTF-8). */
    public static byte[] pngWithAigcText(byte[] png, String label) {
        ByteArrayOutputStream itxt = new ByteArrayOutputStream();
        itxt.writeBytes("AIGC".getBytes(StandardCharsets.ISO_8859_1));
        // keyword NUL, compression flag, compression method, empty language tag NUL, empty translated keyword NUL
        itxt.writeBytes(new byte[] {0, 0, 0, 0, 0});
        itxt.writeBytes(("{\"Label\":\"" + label + "\",\"ContentProducer\":\"测试模型\"}")
                .getBytes(StandardCharsets.UTF_8));
        return pngWithChunk(png, "iTXt", itxt.toByteArray());
    }

    /**
     * A minimal JUMBF manifest store: a {@code jumb} superbox whose {@code jumd} description carries the C2PA UUID
     * and label {@code c2pa}, holding an actions assertion naming the digital source type (null: no actions).
     */
    public static byte[] manifestStore(String digitalSourceType) {
        byte[] description = box("jumd", concat(HexFormat.of().parseHex("6332706100110010800000aa00389b71"),
                new byte[] {3}, "c2pa\0".getBytes(StandardCharsets.US_ASCII)));
        String assertion = digitalSourceType == null
                ? "c2pa.hash.data{\"alg\":\"sha256\"}"
                : "c2pa.actions{\"actions\":[{\"action\":\"c2pa.created\",\"digitalSourceType\":\""
                        + digitalSourceType + "\"}]}";
        byte[] content = box("cbor", assertion.getBytes(StandardCharsets.UTF_8));
        return box("jumb", concat(description, content));
    }

    private static byte[] withXmp(byte[] jpeg, String xmp) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new JpegXmpRewriter().updateXmpXml(jpeg, out, xmp);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pngWithChunk(byte[] png, String type, byte[] data) {
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeAndData = concat(type.getBytes(StandardCharsets.US_ASCII), data);
        out.writeBytes(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(ByteBuffer.allocate(4).putInt(payload.length + 8).array(),
                type.getBytes(StandardCharsets.US_ASCII), payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
