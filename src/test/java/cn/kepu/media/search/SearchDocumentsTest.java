package cn.kepu.media.search;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.SearchDocuments.Labels;
import cn.kepu.media.search.SearchDocuments.WorkRow;
import cn.kepu.media.works.MediaFacts;
import cn.kepu.media.works.NoMediaFacts;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The documents the builder writes, frozen: a stored document (search_document) is sent by a reindex only while its
 * builder is {@link SearchDocuments#BUILDER}, so any change to what a work's document holds — a field, its order or
 * format, the word analysis — must come with a new builder number, or reindexes would keep sending the old documents.
 * When this test fails after a deliberate change: bump the number in {@link SearchDocuments#BUILDER} and put the new
 * documents here (the failure prints them).
 */
class SearchDocumentsTest {

    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    static final WorkRow PUBLISHED = new WorkRow(UUID.fromString("00000000-0000-4000-8000-000000000001"), 42,
            "SHORT_VIDEO", "PUBLISHED", UUID.fromString("00000000-0000-4000-8000-0000000000aa"),
            "深海探测器“奋斗者”号的原理", "How the \"Fendouzhe\" submersible works",
            "全海深载人潜水器在马里亚纳海沟下潜到10909米。\n第二段：Einstein's theory\tand ＡＢＣ１２３。",
            "A full-ocean-depth crewed submersible dived 10,909 m into the Mariana Trench.",
            List.of("深海", "潜水器", "deep sea"), List.of("张三 Zhang San", "李四"),
            List.of("中国科学院深海科学与工程研究所", "中国科学院深海科学与工程研究所"), List.of("AEROSPACE", "OCEAN"),
            "HAINAN", "CC_BY_4_0", List.of("00000000-0000-4000-8000-0000000000c1"),
            List.of("00000000-0000-4000-8000-0000000000c2"), List.of("GOLD"), 17,
            Instant.parse("2026-11-20T10:15:30.123456Z"), Instant.parse("2026-11-19T09:00:00Z"),
            new Labels(List.of("PRIMARY", "GENERAL"), UUID.fromString("00000000-0000-4000-8000-0000000000b1"),
                    "ASSISTED", List.of("POSSIBLY_GENERATED")),
            List.of(new MediaFacts(UUID.randomUUID(), "video/mp4", 80_000_000, 1920, 1080, 175.5),
                    new MediaFacts(UUID.randomUUID(), "image/png", 4_000_000, 3000, 4000, null),
                    new MediaFacts(UUID.randomUUID(), "application/pdf", 1_000, null, null, null)));

    static final WorkRow DRAFT = new WorkRow(UUID.fromString("00000000-0000-4000-8000-000000000002"), 7, "POSTER",
            "DRAFT", UUID.fromString("00000000-0000-4000-8000-0000000000aa"), "碳中和与新能源汽车", null, "", null,
            List.of(), List.of(), List.of(), List.of(), null, "ALL_RIGHTS_RESERVED", List.of(), List.of(), List.of(),
            0, null, Instant.parse("2026-11-19T09:00:00Z"), new Labels(List.of(), null, null, List.of()), List.of());

    static final WorkRow LATER = new WorkRow(UUID.fromString("00000000-0000-4000-8000-000000000003"), 9, "PHOTO",
            "PUBLISHED", UUID.fromString("00000000-0000-4000-8000-0000000000aa"), "量子计算入门", "Quantum computing",
            "量子比特", null, List.of("量子"), List.of("王五"), List.of(), List.of("QUANTUM"), "BEIJING", "CC_BY_4_0",
            List.of(), List.of(), List.of(), 3, Instant.parse("2026-12-04T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), new Labels(List.of(), null, "NONE", List.of("GENERATED")),
            List.of(new MediaFacts(UUID.randomUUID(), "image/jpeg", 1, 800, 800, null)));

    private final SearchDocuments documents = new SearchDocuments(new ObjectMapper(), new NoMediaFacts(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theDocumentsOfThisBuilderAreTheseExactly() {
        List<SearchDocument> built = documents.build(List.of(PUBLISHED, DRAFT, LATER));
        assertThat(SearchDocuments.BUILDER).startsWith("2/");
        assertThat(built.get(0).sourceText()).isEqualTo(EXPECTED_PUBLISHED);
        assertThat(built.get(1).sourceText()).isEqualTo(EXPECTED_DRAFT);
        assertThat(built.get(2).sourceText()).isEqualTo(EXPECTED_LATER);
    }

    @Test
    void aDocumentOfAWorkPublishedForLaterIsFreshUntilThen() {
        List<SearchDocument> built = documents.build(List.of(PUBLISHED, DRAFT, LATER));
        assertThat(built.get(0).freshUntil()).isNull();
        assertThat(built.get(1).freshUntil()).isNull();
        assertThat(built.get(2).freshUntil()).isEqualTo(LATER.publishedAt());
        assertThat(built.get(2).sourceText()).doesNotContain("suggest");
        assertThat(built).extracting(SearchDocument::version).containsExactly(42L, 7L, 9L);
    }

    static final String EXPECTED_PUBLISHED =
            "{\"id\":\"00000000-0000-4000-8000-000000000001\",\"kind\":\"SHORT_VIDEO\","
            + "\"status\":\"PUBLISHED\",\"ownerId\":\"00000000-0000-4000-8000-0000000000aa\","
            + "\"title\":\"深海探测器“奋斗者”号的原理\",\"titleEn\":\"How the \\\"Fendouzhe\\\" submersible works\","
            + "\"description\":\"全海深载人潜水器在马里亚纳海沟下潜到10909米。\\n第二段：Einstein's theory\\tand ＡＢＣ１２３。\","
            + "\"descriptionEn\":\"A full-ocean-depth crewed submersible dived 10,"
            + "909 m into the Mariana Trench.\",\"tags\":[\"深海\",\"潜水器\",\"deep sea\"],"
            + "\"creators\":[\"张三 Zhang San\",\"李四\"],\"affiliations\":[\"中国科学院深海科学与工程研究所\"],"
            + "\"w\":{\"title\":\"深海 探测器 奋斗 者 号 原理\",\"titleEn\":\"how fendouzh submers work\","
            + "\"description\":\"全 海 深 载人 潜水器 在 马里亚纳 海沟 下 潜 到 10909 米 第二 段 einstein theori abc 123\","
            + "\"descriptionEn\":\"full ocean depth crew submers dive 10 909 m mariana trench\","
            + "\"tags\":[\"深 海\",\"潜水器\",\"deep sea\"],\"creators\":[\"张 三 zhang san\",\"李 四\"],"
            + "\"affiliations\":[\"中国科学院 深海 科学 与 工程 研究所\"],"
            + "\"titleRuns\":\"深海探测器奋斗者 探测器奋斗者号 奋斗者号原理 者号原理 号原理 原理\",\"descriptionRuns\":\"全海深载人潜水器 海深载人潜水器在 深载人潜水器在 载人潜水器在 潜水器在马里亚纳 在马里亚纳海沟下 马里亚纳海沟下潜 海沟下潜到 下潜到 潜到 到 米第二段 第二段 段\",\"tagsRuns\":[\"深海 海\",\"潜水器\",\"\"],\"creatorsRuns\":[\"张三 三\",\"李四 四\"],\"affiliationsRuns\":[\"中国科学院深海 深海科学与工程 科学与工程研究所 与工程研究所 工程研究所 研究所\"]},"
            + "\"topics\":[\"AEROSPACE\",\"OCEAN\"],"
            + "\"region\":\"HAINAN\",\"licence\":\"CC_BY_4_0\","
            + "\"collectionIds\":[\"00000000-0000-4000-8000-0000000000c1\"],"
            + "\"contestIds\":[\"00000000-0000-4000-8000-0000000000c2\"],\"awardTiers\":[\"GOLD\"],"
            + "\"downloads\":17,\"publishedAt\":\"2026-11-20T10:15:30.123456Z\","
            + "\"createdAt\":\"2026-11-19T09:00:00Z\",\"suggest\":{\"input\":[\"深海探测器“奋斗者”号的原理\","
            + "\"How the \\\"Fendouzhe\\\" submersible works\",\"深海\",\"潜水器\",\"deep sea\"]},"
            + "\"media\":[{\"mimeType\":\"video/mp4\",\"width\":1920,\"height\":1080,"
            + "\"durationSeconds\":175.5},{\"mimeType\":\"image/png\",\"width\":3000,\"height\":4000},"
            + "{\"mimeType\":\"application/pdf\"}],\"orientations\":[\"LANDSCAPE\",\"PORTRAIT\"],"
            + "\"videoDurationSeconds\":175.5,\"audienceLevels\":[\"PRIMARY\",\"GENERAL\"],"
            + "\"brandId\":\"00000000-0000-4000-8000-0000000000b1\",\"aiDeclared\":\"ASSISTED\","
            + "\"aiDetected\":[\"POSSIBLY_GENERATED\"],\"aiGenerated\":true,\"aiMismatch\":false}";
    static final String EXPECTED_DRAFT =
            "{\"id\":\"00000000-0000-4000-8000-000000000002\",\"kind\":\"POSTER\",\"status\":\"DRAFT\","
            + "\"ownerId\":\"00000000-0000-4000-8000-0000000000aa\",\"title\":\"碳中和与新能源汽车\","
            + "\"description\":\"\",\"tags\":[],\"creators\":[],\"affiliations\":[],"
            + "\"w\":{\"title\":\"碳 中 和 与 新 能源 汽车\",\"description\":\"\",\"tags\":[],\"creators\":[],"
            + "\"affiliations\":[],\"titleRuns\":\"碳中和与新能源 中和与新能源汽车 和与新能源汽车 与新能源汽车 新能源汽车 能源汽车 汽车\",\"descriptionRuns\":\"\",\"tagsRuns\":[],\"creatorsRuns\":[],\"affiliationsRuns\":[]},"
            + "\"topics\":[],\"region\":null,\"licence\":\"ALL_RIGHTS_RESERVED\","
            + "\"collectionIds\":[],\"contestIds\":[],\"awardTiers\":[],\"downloads\":0,"
            + "\"createdAt\":\"2026-11-19T09:00:00Z\",\"media\":[],\"orientations\":[],\"audienceLevels\":[],"
            + "\"aiDeclared\":\"UNDECLARED\",\"aiDetected\":[],\"aiGenerated\":false,\"aiMismatch\":false}";
    static final String EXPECTED_LATER =
            "{\"id\":\"00000000-0000-4000-8000-000000000003\",\"kind\":\"PHOTO\",\"status\":\"PUBLISHED\","
            + "\"ownerId\":\"00000000-0000-4000-8000-0000000000aa\",\"title\":\"量子计算入门\","
            + "\"titleEn\":\"Quantum computing\",\"description\":\"量子比特\",\"tags\":[\"量子\"],"
            + "\"creators\":[\"王五\"],\"affiliations\":[],\"w\":{\"title\":\"量子 计算 入门\","
            + "\"titleEn\":\"quantum comput\",\"description\":\"量子 比 特\",\"tags\":[\"量子\"],"
            + "\"creators\":[\"王 五\"],\"affiliations\":[],\"titleRuns\":\"量子计算入门 计算入门 入门\",\"descriptionRuns\":\"量子比特 比特 特\",\"tagsRuns\":[\"量子\"],\"creatorsRuns\":[\"王五 五\"],\"affiliationsRuns\":[]},"
            + "\"topics\":[\"QUANTUM\"],\"region\":\"BEIJING\","
            + "\"licence\":\"CC_BY_4_0\",\"collectionIds\":[],\"contestIds\":[],\"awardTiers\":[],"
            + "\"downloads\":3,\"publishedAt\":\"2026-12-04T00:00:00Z\",\"createdAt\":\"2026-12-01T00:00:00Z\","
            + "\"media\":[{\"mimeType\":\"image/jpeg\",\"width\":800,\"height\":800}],"
            + "\"orientations\":[\"SQUARE\"],\"audienceLevels\":[],\"aiDeclared\":\"NONE\","
            + "\"aiDetected\":[\"GENERATED\"],\"aiGenerated\":true,\"aiMismatch\":true}";
}
