package cn.kepu.media.media;

import static cn.kepu.media.media.MediaUploadTest.awaitRenditions;
import static cn.kepu.media.media.MediaUploadTest.get;
import static cn.kepu.media.media.MediaUploadTest.original;
import static cn.kepu.media.media.MediaUploadTest.publish;
import static cn.kepu.media.media.MediaUploadTest.uploadAndComplete;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.search.Searching;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.AiLabelKind;
import com.drew.imaging.ImageMetadataReader;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Files carrying an AI-generation label are labelled when verified, the label is shown with the work, found by the
 * search filters, written into the outlets' copy, and checked against a category's AI policy on submission.
 */
@QuarkusTest
class AiLabelsTest {

    private static final String LABEL = """
            query($id: ID!) { work(id: $id) { aiLabel { declared declaredNote aiGenerated mismatch
              detected { kind sources producer } } } }""";

    private static final String SEARCH = """
            query($filter: SearchFilter) { searchWorks(filter: $filter, sort: NEWEST, first: 100) {
              edges { node { id } } facets { aiDetected { value count } aiGenerated { value count } } } }""";

    @Test
    void aJpegWithXmpDigitalSourceTypeIsLabelledFoundByTheFiltersAndFlaggedAsUndeclared() {
        String work = work("entrant1", "PHOTO", null);
        String plain = work("entrant1", "PHOTO", null);
        uploadAndComplete("entrant1", work, "ai.jpg", "image/jpeg", AiLabelFixtures.jpegWithDigitalSourceType(
                MediaFixtures.jpeg(1200, 1000), AiLabelFixtures.GENERATED)).ok();
        uploadAndComplete("entrant1", plain, "plain.jpg", "image/jpeg", MediaFixtures.jpeg(1200, 1000)).ok();

        Map<String, Object> label = GraphQL.as("moderator1").run(LABEL, Map.of("id", work)).ok().data("work.aiLabel");
        assertThat(label.get("declared")).isNull();
        assertThat(label.get("aiGenerated")).isEqualTo(true);
        assertThat(label.get("mismatch")).isEqualTo(true);
        assertThat(label.get("detected").toString())
                .isEqualTo("[{kind=GENERATED, sources=[XMP_DIGITAL_SOURCE_TYPE], producer=null}]");
        assertThat(GraphQL.as("moderator1").run(LABEL, Map.of("id", plain)).ok().<Boolean>data(
                "work.aiLabel.aiGenerated")).isFalse();

        publish(work);
        publish(plain);
        GraphQL outlet = GraphQL.as("media1");
        Searching.awaitFiltered(outlet, Map.of("aiDetected", List.of("GENERATED")), ids -> ids.contains(work));
        List<String> mismatched = Searching.awaitFiltered(outlet, Map.of("aiMismatch", true), ids -> ids.contains(work));
        assertThat(mismatched).doesNotContain(plain);
        List<String> notAi = Searching.awaitFiltered(outlet, Map.of("aiGenerated", false), ids -> ids.contains(plain));
        assertThat(notAi).doesNotContain(work);
        Map<String, Object> facets = outlet.run(SEARCH, Map.of("filter", Map.of("aiGenerated", true))).ok()
                .data("searchWorks.facets");
        assertThat(facets.toString()).contains("value=GENERATED").contains("value=true");
    }

    /**
     * Video: the reader looks at an MP4's (or MOV's) top-level {@code uuid} boxes, XMP and C2PA, when the upload is
     * verified, so an MP4 whose XMP says trainedAlgorithmicMedia is labelled and found like a photo. (Container tags,
     * e.g. an {@code AIGC} tag ffprobe reports, are read too; XMP inside {@code moov/udta} is not.)
     */
    @Test
    void anMp4WithXmpDigitalSourceTypeIsLabelledAfterUploadAndFoundByTheFilter() {
        String video = work("entrant1", "SHORT_VIDEO", null);
        String plain = work("entrant1", "SHORT_VIDEO", null);
        byte[] clip = MediaFixtures.clip("mp4", 640, 360, 1.0);
        uploadAndComplete("entrant1", video, "ai.mp4", "video/mp4",
                AiLabelFixtures.mp4WithDigitalSourceType(clip, AiLabelFixtures.GENERATED)).ok();
        uploadAndComplete("entrant1", plain, "plain.mp4", "video/mp4", clip).ok();

        Map<String, Object> label = GraphQL.as("moderator1").run(LABEL, Map.of("id", video)).ok()
                .data("work.aiLabel");
        assertThat(label.get("aiGenerated")).isEqualTo(true);
        assertThat(label.get("detected").toString())
                .isEqualTo("[{kind=GENERATED, sources=[XMP_DIGITAL_SOURCE_TYPE], producer=null}]");
        assertThat(GraphQL.as("moderator1").run(LABEL, Map.of("id", plain)).ok().<Boolean>data(
                "work.aiLabel.aiGenerated")).isFalse();

        publish(video);
        publish(plain);
        List<String> found = Searching.awaitFiltered(GraphQL.as("media1"), Map.of("aiDetected", List.of("GENERATED")),
                ids -> ids.contains(video));
        assertThat(found).doesNotContain(plain);
    }

    @Test
    void aPngWithACaBXManifestAndAJpegWithAnApp11ManifestAreLabelledAfterUpload() {
        String png = work("entrant1", "POSTER", "ASSISTED");
        uploadAndComplete("entrant1", png, "c2pa.png", "image/png", AiLabelFixtures.pngWithC2pa(
                MediaFixtures.png(1000, 1414), AiLabelFixtures.GENERATED)).ok();
        String jpeg = work("entrant1", "PHOTO", null);
        uploadAndComplete("entrant1", jpeg, "c2pa.jpg", "image/jpeg", AiLabelFixtures.jpegWithC2pa(
                MediaFixtures.jpeg(1200, 1000), AiLabelFixtures.COMPOSITE)).ok();

        Map<String, Object> pngLabel = GraphQL.as("entrant1").run(LABEL, Map.of("id", png)).ok().data("work.aiLabel");
        assertThat(pngLabel.get("declared")).isEqualTo("ASSISTED");
        assertThat(pngLabel.get("declaredNote")).isEqualTo("配图由模型生成");
        assertThat(pngLabel.get("mismatch")).isEqualTo(false);
        assertThat(pngLabel.toString()).contains("kind=GENERATED", "sources=[C2PA_MANIFEST]");
        Map<String, Object> jpegLabel = GraphQL.as("entrant1").run(LABEL, Map.of("id", jpeg)).ok()
                .data("work.aiLabel");
        assertThat(jpegLabel.toString()).contains("kind=COMPOSITE", "sources=[C2PA_MANIFEST]");

        publish(png);
        publish(jpeg);
        List<String> found = Searching.awaitFiltered(GraphQL.anonymous(), Map.of("aiDetected", List.of("COMPOSITE")),
                ids -> ids.contains(jpeg));
        assertThat(found).doesNotContain(png);
        Searching.awaitFiltered(GraphQL.anonymous(), Map.of("aiDeclared", List.of("ASSISTED"), "aiDetected",
                List.of("GENERATED")), ids -> ids.contains(png));
    }

    @Test
    void theOutletCopyOfALabelledPhotoKeepsTheLabel() throws Exception {
        String work = work("entrant1", "PHOTO", null);
        String asset = uploadAndComplete("entrant1", work, "aigc.jpg", "image/jpeg", AiLabelFixtures.jpegWithAigc(
                MediaFixtures.jpeg(1200, 1000), "1", "某大模型服务")).ok().string("uploadSession.asset.id");
        awaitRenditions("entrant1", work, 0);
        publish(work);

        byte[] copy = get(original("media1", asset, "CC_BY_4_0").ok().string("downloadUrl.url")).body();

        var label = new AiLabelReader().metadata(ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy)))
                .result();
        assertThat(label.kind()).isEqualTo(AiLabelKind.GENERATED);
        assertThat(label.producer()).isEqualTo("某大模型服务");
        assertThat(new String(copy, java.nio.charset.StandardCharsets.UTF_8))
                .contains("Iptc4xmpExt:DigitalSourceType=\"" + AiLabelFixtures.GENERATED + "\"",
                        "&quot;PropagateID&quot;:&quot;" + work + "&quot;");
    }

    @Test
    void aCategoryThatForbidsAiRefusesALabelledEntryAndOneThatRequiresItRefusesAPlainOne() {
        Map<String, Object> input = Contests.input("AI 政策测试", Duration.ofDays(3), 10);
        input.put("categories", List.of(
                Map.of("code", "HUMAN", "name", "非AI摄影", "acceptedKinds", List.of("PHOTO"), "aiPolicy", "FORBIDDEN"),
                Map.of("code", "AIGC", "name", "AI创作", "acceptedKinds", List.of("PHOTO"), "aiPolicy", "REQUIRED")));
        Map<String, Object> contest = GraphQL.as("organizer1").run("""
                mutation($input: ContestInput!) { createContest(input: $input) { id categories { code aiPolicy } } }""",
                Map.of("input", input)).ok().data("createContest");
        assertThat(contest.toString()).contains("aiPolicy=FORBIDDEN", "aiPolicy=REQUIRED");
        String contestId = (String) contest.get("id");

        String labelled = work("entrant1", "PHOTO", null);
        uploadAndComplete("entrant1", labelled, "ai.jpg", "image/jpeg", AiLabelFixtures.jpegWithC2pa(
                MediaFixtures.jpeg(1200, 1000), AiLabelFixtures.GENERATED)).ok();
        String declared = work("entrant1", "PHOTO", "GENERATED");
        uploadAndComplete("entrant1", declared, "d.jpg", "image/jpeg", MediaFixtures.jpeg(1200, 1000)).ok();
        String plain = work("entrant1", "PHOTO", "NONE");
        uploadAndComplete("entrant1", plain, "p.jpg", "image/jpeg", MediaFixtures.jpeg(1200, 1000)).ok();

        GraphQL entrant = GraphQL.as("entrant1");
        var refusedLabelled = entrant.acceptLanguage("en").run(Contests.SUBMIT, Contests.submission(contestId, "HUMAN", labelled));
        assertThat(refusedLabelled.errorCode()).isEqualTo("AI_CONTENT_POLICY");
        assertThat(refusedLabelled.errorField()).isEqualTo("input.workId");
        assertThat(refusedLabelled.errorMessage()).contains("metadata");
        var refusedZh = entrant.acceptLanguage("zh-CN").run(Contests.SUBMIT,
                Contests.submission(contestId, "HUMAN", declared));
        assertThat(refusedZh.errorCode()).isEqualTo("AI_CONTENT_POLICY");
        assertThat(refusedZh.errorMessage()).contains("不接受人工智能生成内容");
        assertThat(entrant.run(Contests.SUBMIT, Contests.submission(contestId, "AIGC", plain)).errorCode())
                .isEqualTo("AI_CONTENT_POLICY");

        assertThat(entrant.run(Contests.SUBMIT, Contests.submission(contestId, "HUMAN", plain)).ok()
                .string("submitEntry.status")).isEqualTo("IN_MODERATION");
        assertThat(entrant.run(Contests.SUBMIT, Contests.submission(contestId, "AIGC", labelled)).ok()
                .string("submitEntry.status")).isEqualTo("IN_MODERATION");
    }

    /** A draft with an AI declaration (null: undeclared). */
    private static String work(String login, String kind, String aiUse) {
        Map<String, Object> input = new HashMap<>(Map.of("kind", kind, "title", "AI 标识测试", "topics",
                List.of("GENERAL_SCIENCE"), "region", "BEIJING", "creators", List.of(Map.of("name", "测试作者")),
                "licence", "CC_BY_4_0"));
        if (aiUse != null) {
            input.put("aiUse", aiUse);
            input.put("aiUseNote", "配图由模型生成");
        }
        return GraphQL.as(login).run("mutation($input: WorkInput!) { createWork(input: $input) { id } }",
                Map.of("input", input)).ok().string("createWork.id");
    }
}
