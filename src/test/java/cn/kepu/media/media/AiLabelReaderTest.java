package cn.kepu.media.media;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.AiLabelSource;
import cn.kepu.media.works.DetectedAiLabel;
import cn.kepu.media.works.Licence;
import com.drew.imaging.ImageMetadataReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The implicit AI labels of files made in the test, read as the upload verification reads them. No stack. */
class AiLabelReaderTest {

    private static final byte[] JPEG = MediaFixtures.jpeg(640, 480);
    private static final byte[] PNG = MediaFixtures.png(640, 480);

    @Test
    void xmpDigitalSourceTypeTrainedAlgorithmicMediaIsGenerated() throws Exception {
        DetectedAiLabel label = readJpeg(AiLabelFixtures.jpegWithDigitalSourceType(JPEG, AiLabelFixtures.GENERATED));
        assertThat(label.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(label.sources()).containsExactly(AiLabelSource.XMP_DIGITAL_SOURCE_TYPE);
    }

    @Test
    void xmpCompositeIsCompositeAndACameraCaptureIsNoLabel() throws Exception {
        assertThat(readJpeg(AiLabelFixtures.jpegWithDigitalSourceType(JPEG, AiLabelFixtures.COMPOSITE)).kind())
                .isEqualTo(AiLabelKind.COMPOSITE);
        assertThat(readJpeg(AiLabelFixtures.jpegWithDigitalSourceType(JPEG, AiLabelFixtures.CAPTURED))).isNull();
        assertThat(readJpeg(JPEG)).isNull();
        assertThat(readPng(PNG)).isNull();
    }

    @Test
    void nationalStandardAigcFieldInXmpGivesTheLabelAndTheProducer() throws Exception {
        DetectedAiLabel generated = readJpeg(AiLabelFixtures.jpegWithAigc(JPEG, "1", "某大模型服务"));
        assertThat(generated.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(generated.sources()).containsExactly(AiLabelSource.AIGC_METADATA);
        assertThat(generated.producer()).isEqualTo("某大模型服务");
        assertThat(readJpeg(AiLabelFixtures.jpegWithAigc(JPEG, "2", "x")).kind())
                .isEqualTo(AiLabelKind.POSSIBLY_GENERATED);
        assertThat(readJpeg(AiLabelFixtures.jpegWithAigc(JPEG, "3", "x")).kind())
                .isEqualTo(AiLabelKind.POSSIBLY_GENERATED);
        assertThat(readJpeg(AiLabelFixtures.jpegWithAigc(JPEG, "0", "x"))).isNull();
    }

    @Test
    void c2paManifestInJpegApp11() throws Exception {
        DetectedAiLabel generated = readJpeg(AiLabelFixtures.jpegWithC2pa(JPEG, AiLabelFixtures.GENERATED));
        assertThat(generated.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(generated.sources()).containsExactly(AiLabelSource.C2PA_MANIFEST);
        assertThat(readJpeg(AiLabelFixtures.jpegWithC2pa(JPEG, AiLabelFixtures.COMPOSITE)).kind())
                .isEqualTo(AiLabelKind.COMPOSITE);
        DetectedAiLabel provenance = readJpeg(AiLabelFixtures.jpegWithC2pa(JPEG, null));
        assertThat(provenance.kind()).isEqualTo(AiLabelKind.PROVENANCE_MANIFEST);
        assertThat(provenance.kind().aiMade()).isFalse();
    }

    @Test
    void c2paManifestInPngCaBXChunkAndAigcInPngText() throws Exception {
        DetectedAiLabel c2pa = readPng(AiLabelFixtures.pngWithC2pa(PNG, AiLabelFixtures.GENERATED));
        assertThat(c2pa.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(c2pa.sources()).containsExactly(AiLabelSource.C2PA_MANIFEST);
        DetectedAiLabel text = readPng(AiLabelFixtures.pngWithAigcText(PNG, "1"));
        assertThat(text.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(text.sources()).containsExactly(AiLabelSource.AIGC_METADATA);
        assertThat(text.producer()).isEqualTo("测试模型");
    }

    @Test
    void theStrongestLabelWinsAndEverySourceIsKept() throws Exception {
        byte[] both = AiLabelFixtures.jpegWithC2pa(
                AiLabelFixtures.jpegWithDigitalSourceType(JPEG, AiLabelFixtures.COMPOSITE), AiLabelFixtures.GENERATED);
        DetectedAiLabel label = readJpeg(both);
        assertThat(label.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(label.sources()).containsExactlyInAnyOrder(AiLabelSource.XMP_DIGITAL_SOURCE_TYPE,
                AiLabelSource.C2PA_MANIFEST);
    }

    @Test
    void videoUuidBoxesAndContainerTags() throws Exception {
        assertThat(new AiLabelReader().isoUuidBox(AiLabelReader.C2PA_UUID,
                AiLabelFixtures.manifestStore(AiLabelFixtures.GENERATED)).result().kind())
                .isEqualTo(AiLabelKind.GENERATED);
        String xmp = new String(AiLabelFixtures.jpegWithDigitalSourceType(JPEG, AiLabelFixtures.COMPOSITE),
                StandardCharsets.UTF_8);
        xmp = xmp.substring(xmp.indexOf("<x:xmpmeta"), xmp.indexOf("</x:xmpmeta>") + 12);
        assertThat(new AiLabelReader().isoUuidBox(AiLabelReader.XMP_UUID, xmp.getBytes(StandardCharsets.UTF_8))
                .result().kind()).isEqualTo(AiLabelKind.COMPOSITE);
        var tags = new ObjectMapper().createObjectNode().put("AIGC", "{\"Label\":\"1\",\"ContentProducer\":\"v\"}")
                .put("title", "no label here");
        DetectedAiLabel fromTags = new AiLabelReader().containerTags(tags).result();
        assertThat(fromTags.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(fromTags.producer()).isEqualTo("v");
        assertThat(new AiLabelReader().containerTags(new ObjectMapper().createObjectNode().put("title", "x"))
                .result()).isNull();
    }

    @Test
    void theDistributionCopyCarriesTheLabelInItsXmp() throws Exception {
        byte[] original = AiLabelFixtures.jpegWithC2pa(JPEG, AiLabelFixtures.GENERATED);
        var rights = new DistributionCopies.Rights("测试作者", Licence.CC_BY_4_0, "kepu-media 科普作品 w1",
                new DistributionCopies.AiMark(AiLabelKind.GENERATED, "某大模型服务", "w1"));
        byte[] copy = DistributionCopies.jpeg(original, rights);
        DetectedAiLabel label = readJpeg(copy);
        assertThat(label.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(label.sources()).contains(AiLabelSource.XMP_DIGITAL_SOURCE_TYPE, AiLabelSource.AIGC_METADATA);
        assertThat(label.producer()).isEqualTo("某大模型服务");
        String text = new String(copy, StandardCharsets.UTF_8);
        assertThat(text).contains("TC260:AIGC=\"{&quot;Label&quot;:&quot;1&quot;",
                "&quot;ContentPropagator&quot;:&quot;kepu-media&quot;", "&quot;PropagateID&quot;:&quot;w1&quot;",
                "Iptc4xmpExt:DigitalSourceType=\"" + AiLabelFixtures.GENERATED + "\"").doesNotContain("&amp;quot;");
        // Without a label the copy says nothing about AI.
        byte[] plain = DistributionCopies.jpeg(JPEG, new DistributionCopies.Rights("测试作者", Licence.CC_BY_4_0, "s"));
        assertThat(readJpeg(plain)).isNull();
    }

    private static DetectedAiLabel readJpeg(byte[] bytes) throws Exception {
        return new AiLabelReader().metadata(ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes)))
                .jpeg(new ByteArrayInputStream(bytes)).result();
    }

    private static DetectedAiLabel readPng(byte[] bytes) throws Exception {
        return new AiLabelReader().metadata(ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes)))
                .png(new ByteArrayInputStream(bytes)).result();
    }
}
