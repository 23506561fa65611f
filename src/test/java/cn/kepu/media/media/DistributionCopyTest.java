package cn.kepu.media.media;

import static cn.kepu.media.media.MediaUploadTest.awaitRenditions;
import static cn.kepu.media.media.MediaUploadTest.createWork;
import static cn.kepu.media.media.MediaUploadTest.get;
import static cn.kepu.media.media.MediaUploadTest.original;
import static cn.kepu.media.media.MediaUploadTest.publish;
import static cn.kepu.media.media.MediaUploadTest.uploadAndComplete;
import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcRecord;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcTypes;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.PhotoshopApp13Data;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;

/**
 * What a media outlet downloads: the same compressed pictures and sound as the original, without location, serials
 * or personal tags, with the credit line and licence in the standard rights metadata. The bytes are checked.
 */
@QuarkusTest
class DistributionCopyTest {

    private static final String SERIAL = "SN-4711-BODY";
    private static final String PERSON = "王小明";

    @Inject
    Ffmpeg ffmpeg;

    @Test
    void aPhotoCopyLosesLocationSerialsAndNamesKeepsItsPixelsAndCarriesTheRights() throws Exception {
        byte[] jpeg = personalJpeg();
        String work = createWork("entrant1", "PHOTO");
        String asset = uploadAndComplete("entrant1", work, PERSON + ".jpg", "image/jpeg", jpeg).ok()
                .string("uploadSession.asset.id");
        awaitRenditions("entrant1", work, 0);
        publish(work);

        byte[] copy = get(original("media1", asset, "CC_BY_4_0").ok().string("downloadUrl.url")).body();

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy));
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo("Kepu");
        assertThat(ifd0.containsTag(ExifIFD0Directory.TAG_ARTIST)).isFalse();
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertThat(exif == null || !exif.containsTag(ExifSubIFDDirectory.TAG_BODY_SERIAL_NUMBER)).isTrue();
        assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class)).isNotNull();
        String text = new String(copy, StandardCharsets.UTF_8);
        String xmp = text.substring(text.indexOf("<x:xmpmeta"), text.indexOf("</x:xmpmeta>"));
        assertThat(xmp).contains("<dc:rights>", "photoshop:Credit=\"测试作者\"", "CC BY 4.0",
                "xmpRights:WebStatement=\"https://creativecommons.org/licenses/by/4.0/\"", "kepu-media")
                .doesNotContain(PERSON).doesNotContain("GPS");
        IptcDirectory iptc = metadata.getFirstDirectoryOfType(IptcDirectory.class);
        assertThat(iptc.getString(IptcDirectory.TAG_CREDIT)).isEqualTo("测试作者");
        assertThat(iptc.getString(IptcDirectory.TAG_COPYRIGHT_NOTICE)).contains("测试作者", "CC BY 4.0");

        String raw = new String(copy, StandardCharsets.ISO_8859_1);
        for (String secret : List.of(PERSON, SERIAL, "Wang Xiaoming", "39.9042", "secret-note")) {
            assertThat(raw).as(secret).doesNotContain(new String(secret.getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1)).doesNotContain(new String(secret.getBytes(
                            StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        }
        // Lossless: the compressed image data is the original's, byte for byte, so are the decoded pixels.
        assertThat(fromStartOfScan(copy)).isEqualTo(fromStartOfScan(jpeg));
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(jpeg));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(copy));
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()))
                .isEqualTo(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()));
    }

    @Test
    void aVideoCopyIsStreamCopiedWithoutLocationOrNamesAndCarriesTheRights() throws Exception {
        byte[] clip = MediaFixtures.clip("mp4", 640, 360, 2);
        String work = createWork("entrant1", "SHORT_VIDEO");
        String asset = uploadAndComplete("entrant1", work, PERSON + ".mp4", "video/mp4", clip).ok()
                .string("uploadSession.asset.id");
        awaitRenditions("entrant1", work, 0);
        publish(work);

        byte[] copy = get(original("media1", asset, "CC_BY_4_0").ok().string("downloadUrl.url")).body();
        JsonNode tags = probe(copy).path("format").path("tags");
        assertThat(tags.has("location")).isFalse();
        assertThat(tags.has("title")).isFalse();
        assertThat(tags.path("copyright").asText()).contains("测试作者", "CC BY 4.0");
        assertThat(tags.path("artist").asText()).isEqualTo("测试作者");
        String raw = new String(copy, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("+39.9042").doesNotContain("secret-title")
                .doesNotContain(new String("张三".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        // No re-encoding: the picture and sound packets hash the same as the original's.
        assertThat(packetHash(copy, "0:v")).isEqualTo(packetHash(clip, "0:v"));
        assertThat(packetHash(copy, "0:a")).isEqualTo(packetHash(clip, "0:a"));
    }

    /** A JPEG with GPS, a camera serial, an artist and a comment in EXIF, a creator in XMP and a by-line in IPTC. */
    private static byte[] personalJpeg() throws Exception {
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MAKE, "Kepu");
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MODEL, "TestCam 1");
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ARTIST, "Wang Xiaoming");
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_BODY_SERIAL_NUMBER, SERIAL);
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2025:05:20 10:30:00");
        exif.setGpsInDegrees(MediaFixtures.GPS_LONGITUDE, MediaFixtures.GPS_LATITUDE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(PictureFixtures.jpeg(PictureFixtures.scene(5, 1600, 1200),
                0.9f), out, exif);
        byte[] bytes = out.toByteArray();
        out.reset();
        new JpegXmpRewriter().updateXmpXml(bytes, out, """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
                  xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="39.9042N">
                <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>
                <dc:description><rdf:Alt><rdf:li xml:lang="x-default">secret-note</rdf:li></rdf:Alt></dc:description>
                </rdf:Description></rdf:RDF></x:xmpmeta>""".formatted(PERSON));
        bytes = out.toByteArray();
        out.reset();
        new JpegIptcRewriter().writeIptc(bytes, out, new PhotoshopApp13Data(List.of(
                new IptcRecord(IptcTypes.BYLINE, PERSON)), List.of(), true));
        return out.toByteArray();
    }

    private static byte[] fromStartOfScan(byte[] jpeg) {
        for (int i = 0; i < jpeg.length - 1; i++) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xDA) {
                return Arrays.copyOfRange(jpeg, i, jpeg.length);
            }
        }
        throw new AssertionError("no start of scan");
    }

    private JsonNode probe(byte[] bytes) throws Exception {
        Path file = Files.createTempFile("copy", ".mp4");
        try {
            Files.write(file, bytes);
            return ffmpeg.probe(file.toString(), Duration.ofSeconds(30));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private String packetHash(byte[] bytes, String stream) throws Exception {
        Path file = Files.createTempFile("packets", ".mp4");
        try {
            Files.write(file, bytes);
            return new String(ffmpeg.capture(List.of("-i", file.toString(), "-map", stream, "-c", "copy", "-f",
                    "md5", "pipe:1"), Duration.ofSeconds(30)), StandardCharsets.US_ASCII).strip();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
