package cn.kepu.media.works;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkGraphQLTest {

    static final String CREATE = """
            mutation($input: WorkInput!) { createWork(input: $input) {
              id title status version creditLine licence { code title } tags
              topics { code nameZh } creators { name affiliation } owner { displayName } } }""";

    static final String UPDATE = """
            mutation($id: ID!, $version: Int!, $input: WorkInput!) {
              updateWork(id: $id, version: $version, input: $input) { id title version } }""";

    static Map<String, Object> input(String title) {
        Map<String, Object> input = new HashMap<>();
        input.put("kind", "POSTER");
        input.put("title", title);
        input.put("titleEn", "Quantum sensing");
        input.put("description", "量子精密测量走进生活");
        input.put("tags", List.of("量子", " 测量 ", "量子"));
        input.put("topics", List.of("QUANTUM_TECHNOLOGY"));
        input.put("region", "ANHUI");
        input.put("creators", List.of(Map.of("name", "林晓雨", "affiliation", "中国科学技术大学"), Map.of("name", "王五")));
        input.put("licence", "CC_BY_4_0");
        return input;
    }

    static String createAs(String login, String title) {
        return GraphQL.as(login).run(CREATE, Map.of("input", input(title))).ok().string("createWork.id");
    }

    @Test
    void entrantCreatesDraftWithDerivedCreditLineAndNormalisedTags() {
        var created = GraphQL.as("entrant1").run(CREATE, Map.of("input", input("量子精密测量"))).ok();

        assertThat(created.string("createWork.status")).isEqualTo("DRAFT");
        assertThat(created.string("createWork.creditLine")).isEqualTo("林晓雨（中国科学技术大学）、王五");
        assertThat(created.<List<String>>data("createWork.tags")).containsExactly("量子", "测量");
        assertThat(created.string("createWork.topics[0].nameZh")).isEqualTo("量子科技");
        assertThat(created.string("createWork.licence.title")).isEqualTo("CC BY 4.0");
        assertThat(created.string("createWork.owner.displayName")).isEqualTo("林晓雨");
    }

    @Test
    void ownerUpdatesWithCurrentVersionAndStaleVersionIsConflict() {
        String id = createAs("entrant1", "初稿");

        var updated = GraphQL.as("entrant1").run(UPDATE, Map.of("id", id, "version", 0, "input", input("第二稿"))).ok();
        assertThat(updated.string("updateWork.title")).isEqualTo("第二稿");
        assertThat(updated.<Integer>data("updateWork.version")).isEqualTo(1);

        var stale = GraphQL.as("entrant1").run(UPDATE, Map.of("id", id, "version", 0, "input", input("第三稿")));
        assertThat(stale.errorCode()).isEqualTo("CONFLICT");
        assertThat(stale.errorField()).isEqualTo("version");
        var current = GraphQL.as("entrant1").run("query($id: ID!) { work(id: $id) { title version } }", Map.of("id", id)).ok();
        assertThat(current.string("work.title")).as("stale write lost nothing").isEqualTo("第二稿");
    }

    @Test
    void editingSomeoneElsesWorkIsForbiddenAndChangesNothing() {
        String id = createAs("entrant1", "我的作品");

        var response = GraphQL.as("entrant2").run(UPDATE, Map.of("id", id, "version", 0, "input", input("抢来的")));

        // entrant2 cannot even see entrant1's draft, so the answer does not reveal it exists.
        assertThat(response.errorCode()).isIn("NOT_FOUND", "FORBIDDEN");
        var current = GraphQL.as("entrant1").run("query($id: ID!) { work(id: $id) { title } }", Map.of("id", id)).ok();
        assertThat(current.string("work.title")).isEqualTo("我的作品");
    }

    @Test
    void organizerEditingAnEntrantsWorkIsForbidden() {
        String id = createAs("entrant1", "组织者不能改");

        var response = GraphQL.as("organizer1").run(UPDATE, Map.of("id", id, "version", 0, "input", input("改了")));

        assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void unknownIdIsNotFoundAndMalformedIdIsValidation() {
        var unknown = GraphQL.as("organizer1").run("{ work(id: \"00000000-0000-0000-0000-000000000001\") { id } }");
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");

        var malformed = GraphQL.as("organizer1").run("{ work(id: \"not-a-uuid\") { id } }");
        assertThat(malformed.errorCode()).isEqualTo("VALIDATION");
        assertThat(malformed.errorField()).isEqualTo("id");
    }

    @Test
    void invalidEnumIsATypedError() {
        Map<String, Object> bad = input("枚举错误");
        bad.put("kind", "HOLOGRAM");

        var response = GraphQL.as("entrant1").run(CREATE, Map.of("input", bad));

        assertThat(response.errorCode()).isIn("VALIDATION", "INVALID_QUERY");
        assertThat(response.errorMessage()).contains("HOLOGRAM");
        assertThat(response.json().getMap("data") == null || response.json().get("data.createWork") == null).isTrue();
    }

    @Test
    void overlongTitleIsValidationNamingTheFieldAndNothingIsWritten() {
        long before = countMine();
        var response = GraphQL.as("entrant1").run(CREATE, Map.of("input", input("长".repeat(201))));

        assertThat(response.errorCode()).isEqualTo("VALIDATION");
        assertThat(response.errorField()).isEqualTo("input.title");
        assertThat(response.errorMessage()).contains("input.title");
        assertThat(countMine()).isEqualTo(before);
    }

    @Test
    void unknownTopicIsValidationNamingTheField() {
        Map<String, Object> bad = input("未知主题");
        bad.put("topics", List.of("ASTROLOGY"));

        var response = GraphQL.as("entrant1").run(CREATE, Map.of("input", bad));

        assertThat(response.errorCode()).isEqualTo("VALIDATION");
        assertThat(response.errorField()).isEqualTo("input.topics");
    }

    @Test
    void anonymousCannotCreateAndMediaIsForbidden() {
        assertThat(GraphQL.anonymous().run(CREATE, Map.of("input", input("匿名"))).errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(GraphQL.as("media1").run(CREATE, Map.of("input", input("媒体"))).errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void anonymousAndMediaSeePublishedWorksOnly() {
        String draft = createAs("entrant1", "草稿不可见");
        for (GraphQL caller : List.of(GraphQL.anonymous(), GraphQL.as("media1"))) {
            List<String> statuses = caller.run("{ works(first: 100) { edges { node { status } } } }").ok()
                    .data("works.edges.node.status");
            assertThat(statuses).isNotEmpty().containsOnly("PUBLISHED");
            assertThat(caller.run("query($id: ID!) { work(id: $id) { id } }", Map.of("id", draft)).errorCode())
                    .isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void entrantSeesOwnDraftsAndModeratorSeesAll() {
        String draft = createAs("entrant2", "我的草稿");
        List<String> mine = GraphQL.as("entrant2")
                .run("{ works(first: 100, filter: {mine: true}) { edges { node { id status } } } }").ok()
                .data("works.edges.node.id");
        assertThat(mine).contains(draft);

        List<String> statuses = GraphQL.as("moderator1")
                .run("{ works(first: 100) { edges { node { status } } } }").ok().data("works.edges.node.status");
        assertThat(statuses).contains("PUBLISHED", "DRAFT", "IN_MODERATION", "REJECTED");
    }

    @Test
    void ownerIdentityIsHiddenFromThePublic() {
        var response = GraphQL.as("media1").run("{ works(first: 5) { edges { node { owner { displayName } creditLine } } } }").ok();
        List<Object> owners = response.data("works.edges.node.owner");
        assertThat(owners).isNotEmpty().containsOnlyNulls();
    }

    @Test
    void cursorPagingWalksEveryVisibleWorkOnceNewestFirst() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var page = GraphQL.anonymous().run("""
                    query($after: String) { works(first: 4, after: $after) {
                      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id createdAt } } } }""",
                    after == null ? Map.of() : Map.of("after", after)).ok();
            seen.addAll(page.data("works.edges.node.id"));
            after = page.<Boolean>data("works.pageInfo.hasNextPage") ? page.string("works.pageInfo.endCursor") : null;
            pages++;
            assertThat(page.<Integer>data("works.totalCount")).isGreaterThanOrEqualTo(seen.size());
        } while (after != null && pages < 50);

        int total = GraphQL.anonymous().run("{ works(first: 1) { totalCount } }").ok().data("works.totalCount");
        assertThat(seen).doesNotHaveDuplicates().hasSize(total);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void filtersCombineKindTopicAndRegion() {
        var response = GraphQL.anonymous().run("""
                { works(first: 50, filter: {kinds: [PHOTO], regions: [XPCC], topics: ["NEW_ENERGY"]}) {
                    edges { node { kind region topics { code } } } } }""").ok();
        List<String> kinds = response.data("works.edges.node.kind");
        assertThat(kinds).isNotEmpty().containsOnly("PHOTO");
        assertThat(response.<List<String>>data("works.edges.node.region")).containsOnly("XPCC");
    }

    @Test
    void tagFilterFindsTheWorksCarryingTheTag() {
        String tag = "标签" + System.nanoTime();
        Map<String, Object> tagged = input("带标签的作品");
        tagged.put("tags", List.of(" " + tag + " ", "其他"));
        String id = GraphQL.as("entrant1").run(CREATE, Map.of("input", tagged)).ok().string("createWork.id");
        createAs("entrant1", "不带这个标签的作品");

        String query = "query($f: WorkFilter) { works(first: 10, filter: $f) { totalCount edges { node { id } } } }";
        var found = GraphQL.as("entrant1").run(query, Map.of("f", Map.of("mine", true, "tag", tag))).ok();
        assertThat(found.<List<String>>data("works.edges.node.id")).containsExactly(id);
        assertThat(found.<Integer>data("works.totalCount")).isEqualTo(1);
        var none = GraphQL.as("entrant1").run(query, Map.of("f", Map.of("mine", true, "tag", tag + "x"))).ok();
        assertThat(none.<Integer>data("works.totalCount")).isZero();
    }

    /**
     * Every filter of {@code works} reaches the database without a type error (the tag filter once failed INTERNAL
     * on {@code text[]} against {@code varchar[]}); a filter added to WorkFilter must be added here.
     */
    @Test
    void everyWorkFilterRunsAloneAndCombined() {
        Map<String, Object> all = new HashMap<>();
        all.put("kinds", List.of("POSTER"));
        all.put("statuses", List.of("DRAFT"));
        all.put("topics", List.of("QUANTUM_TECHNOLOGY"));
        all.put("regions", List.of("ANHUI"));
        all.put("licences", List.of("CC_BY_4_0"));
        all.put("tag", "量子");
        all.put("mine", true);
        all.put("hasFiles", false);
        assertThat(all.keySet()).as("every WorkFilter field").containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(WorkFilter.class.getRecordComponents()).map(c -> c.getName()).toList());
        String id = createAs("entrant1", "量子精密测量");
        String query = "query($f: WorkFilter) { works(first: 100, filter: $f) { edges { node { id } } } }";
        for (var entry : all.entrySet()) {
            GraphQL.as("entrant1").run(query, Map.of("f", Map.of(entry.getKey(), entry.getValue()))).ok();
            GraphQL.as("moderator1").run(query, Map.of("f", Map.of(entry.getKey(), entry.getValue())))
                    .ok();
        }
        assertThat(GraphQL.as("entrant1").run(query, Map.of("f", all)).ok()
                .<List<String>>data("works.edges.node.id")).contains(id);
    }

    @Test
    void pageSizeAboveTheMaximumIsRefused() {
        var response = GraphQL.anonymous().run("{ works(first: 1000) { totalCount } }");
        assertThat(response.errorCode()).isEqualTo("VALIDATION");
        assertThat(response.errorField()).isEqualTo("first");
    }

    @Test
    void garbageCursorIsValidation() {
        var response = GraphQL.anonymous().run("{ works(first: 5, after: \"garbage!\") { totalCount } }");
        assertThat(response.errorCode()).isEqualTo("VALIDATION");
        assertThat(response.errorField()).isEqualTo("after");
    }

    private static long countMine() {
        return GraphQL.as("entrant1").run("{ works(first: 1, filter: {mine: true}) { totalCount } }").ok()
                .<Integer>data("works.totalCount");
    }
}
