package cn.kepu.media.search;

import cn.kepu.media.testsupport.SearchWords;
import static cn.kepu.media.search.Searching.awaitIds;
import static cn.kepu.media.search.Searching.ids;
import static cn.kepu.media.search.Searching.search;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.TestWorks.Spec;
import cn.kepu.media.testsupport.Await;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkStatus;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchWorksTest {

    static GraphQL media() {
        return GraphQL.as("media1");
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionFactory sessionFactory;

    @AfterAll
    static void deleteTheWorksMadeHere() {
        TestWorks.deleteAll();
    }

    @Test
    void aCommittedChangeBecomesSearchable() {
        String marker = marker();
        UUID id = TestWorks.create(Spec.published("珊瑚礁白化观察 " + marker));
        awaitIds(media(), marker, Map.of(), found -> found.contains(id.toString()));

        QuarkusTransaction.requiringNew().run(() -> Work.<Work>findById(id).title = "珊瑚礁修复行动 " + marker);
        awaitIds(media(), "珊瑚礁修复", Map.of(), found -> !found.isEmpty() && found.getFirst().equals(id.toString()));
    }

    @Test
    void aRolledBackChangeLeavesNoTrace() throws Exception {
        String marker = marker();
        UUID[] rolledBack = new UUID[1];
        QuarkusTransaction.begin();
        rolledBack[0] = TestWorks.persist(Spec.published("回滚作品 " + marker)).id;
        Work.getEntityManager().flush();
        QuarkusTransaction.rollback();

        assertThat(outboxRowsFor(rolledBack[0])).as("the trigger's outbox row went with the rollback").isZero();
        // A committed change made afterwards is indexed: by then the rolled-back one would have been too.
        UUID committed = TestWorks.create(Spec.published("提交作品 " + marker));
        awaitIds(media(), marker, Map.of(), found -> found.contains(committed.toString()));
        assertThat(ids(search(media(), marker, Map.of()))).doesNotContain(rolledBack[0].toString());
    }

    @Test
    void exactPhrasesRankAboveScatteredCharacters() {
        String marker = marker();
        // Each query has one work with the phrase as written and distractors holding its characters or words apart.
        record Case(String query, String exact, List<String> scattered) {
        }
        List<Case> cases = List.of(
                new Case("量子计算", "量子计算的原理 " + marker,
                        List.of("计算机中的量化子程序 " + marker, "子午线测量与天文计算 " + marker)),
                new Case("人工智能", "人工智能改变生活 " + marker,
                        List.of("智能手表与人工心脏 " + marker, "人工降雨的智慧与能量 " + marker)),
                new Case("深海探测", "深海探测装备巡礼 " + marker,
                        List.of("探测火星的深层土壤与海洋 " + marker, "海边深处的测量与探索 " + marker)),
                new Case("quantum computing", "Quantum computing for everyone " + marker,
                        List.of("Computing the quantum of rainfall in everyday weather " + marker,
                                "Quantum dots and cloud computing explained " + marker)));
        List<String> exactIds = new ArrayList<>();
        for (Case c : cases) {
            exactIds.add(TestWorks.create(Spec.published(c.exact())).toString());
            c.scattered().forEach(title -> TestWorks.create(Spec.published(title)));
        }
        awaitIds(media(), marker, Map.of("first", 20), found -> found.size() == 12);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            List<String> found = ids(search(media(), c.query() + " " + marker, Map.of("first", 5)));
            assertThat(found).as("first hit for %s", c.query()).first().isEqualTo(exactIds.get(i));
        }
    }

    @Test
    void visibilityIsPartOfTheQuery() {
        String marker = marker();
        UUID published = TestWorks.create(Spec.published("可见性公开 " + marker));
        UUID draft = TestWorks.create(Spec.published("可见性草稿 " + marker).status(WorkStatus.DRAFT, null));
        UUID embargoed = TestWorks.create(Spec.published("可见性禁发 " + marker)
                .status(WorkStatus.PUBLISHED, TestWorks.now().plusSeconds(3600)));
        List<String> all = List.of(published.toString(), draft.toString(), embargoed.toString());

        awaitIds(GraphQL.as("organizer1"), marker, Map.of(), found -> found.containsAll(all));
        assertThat(ids(search(GraphQL.as("entrant1"), marker, Map.of()))).as("owner")
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(search(media(), marker, Map.of()))).containsExactly(published.toString());
        assertThat(ids(search(GraphQL.anonymous(), marker, Map.of()))).containsExactly(published.toString());
        assertThat(ids(search(GraphQL.as("entrant2"), marker, Map.of()))).containsExactly(published.toString());
        assertThat(media().run(Searching.SEARCH, Map.of("q", marker)).ok().<Integer>data("searchWorks.totalCount"))
                .isEqualTo(1);
    }

    @Test
    void filtersFacetsHighlightsAndCursorPaging() {
        String marker = marker();
        for (int i = 0; i < 5; i++) {
            TestWorks.create(Spec.published("火箭回收技术 第" + i + "集 " + marker)
                    .kind(i % 2 == 0 ? WorkKind.POSTER : WorkKind.SHORT_VIDEO));
        }
        awaitIds(media(), marker, Map.of(), found -> found.size() == 5);

        var all = search(media(), "火箭回收 " + marker, Map.of()).ok();
        List<Map<String, Object>> kinds = all.data("searchWorks.facets.kinds");
        assertThat(kinds).containsExactlyInAnyOrder(Map.of("value", "POSTER", "count", 3),
                Map.of("value", "SHORT_VIDEO", "count", 2));
        List<String> fragments = all.data("searchWorks.edges[0].highlights.find { it.field == 'title' }.fragments");
        assertThat(fragments).singleElement().asString().contains("<em>");

        var posters = search(media(), marker, Map.of("filter", Map.of("kinds", List.of("POSTER")))).ok();
        assertThat(posters.<List<String>>data("searchWorks.edges.node.kind")).containsOnly("POSTER").hasSize(3);

        var first = search(media(), marker, Map.of("first", 2, "sort", "NEWEST")).ok();
        assertThat(first.<Boolean>data("searchWorks.pageInfo.hasNextPage")).isTrue();
        String after = first.string("searchWorks.pageInfo.endCursor");
        var second = search(media(), marker, Map.of("first", 10, "sort", "NEWEST", "after", after)).ok();
        List<String> firstIds = ids(first);
        List<String> secondIds = ids(second);
        assertThat(secondIds).hasSize(3).doesNotContainAnyElementsOf(firstIds);
        assertThat(second.<Boolean>data("searchWorks.pageInfo.hasNextPage")).isFalse();

        var bad = search(media(), marker, Map.of("after", "not-a-cursor"));
        assertThat(bad.errorCode()).isEqualTo("VALIDATION");
        assertThat(bad.errorField()).isEqualTo("after");
    }

    /**
     * Issue 8 item 2: clients render highlight fragments as HTML, so markup written into any highlighted field comes
     * back as text. Every field that can be highlighted carries a script here; the only tags left are the markers.
     */
    @Test
    void highlightsEscapeEverythingButTheirMarkers() {
        String marker = marker();
        String attack = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&amp;";
        UUID id = TestWorks.create(new Spec("量子 " + attack + " 标题 " + marker, "Quantum " + attack + " title",
                "量子 " + attack + " 描述", WorkKind.POSTER, WorkStatus.PUBLISHED, TestWorks.now().minusSeconds(60),
                java.util.Set.of("GENERAL_SCIENCE"), List.of("量子" + attack), "量子" + attack + "作者"));
        awaitIds(media(), marker, Map.of(), found -> found.contains(id.toString()));

        var response = search(media(), "量子 quantum " + marker, Map.of()).ok();
        List<Map<String, Object>> highlights = response.data("searchWorks.edges[0].highlights");
        assertThat(highlights).extracting(h -> h.get("field"))
                .contains("title", "titleEn", "tags", "creators", "description");
        for (Map<String, Object> highlight : highlights) {
            for (Object fragment : (List<?>) highlight.get("fragments")) {
                String text = fragment.toString();
                assertThat(text).as("fragment of %s", highlight.get("field")).contains("<em>");
                String withoutMarkers = text.replace("<em>", "").replace("</em>", "");
                assertThat(withoutMarkers).doesNotContain("<", ">").contains("&lt;script&gt;");
                assertThat(withoutMarkers).doesNotContainPattern("&(?!(amp|lt|gt|quot|#39);)");
            }
        }
    }

    @Test
    void aQueryWhoseWordsAreNotAllInAWorkStillFindsItAndSaysSo() {
        String marker = marker();
        UUID id = TestWorks.create(Spec.published("Graphene batteries " + marker));
        awaitIds(media(), marker, Map.of(), found -> found.contains(id.toString()));

        var response = search(media(), "graphene supercapacitor " + marker, Map.of()).ok();
        assertThat(ids(response)).contains(id.toString());
        assertThat(response.<Boolean>data("searchWorks.relaxed")).isTrue();
        var typo = search(media(), "grafene " + marker, Map.of()).ok();
        assertThat(ids(typo)).contains(id.toString());
        var exact = search(media(), "graphene " + marker, Map.of()).ok();
        assertThat(exact.<Boolean>data("searchWorks.relaxed")).isFalse();
    }

    @Test
    void suggestCompletesTitlesOfPublishedWorksOnly() {
        String marker = marker();
        TestWorks.create(Spec.published("磁约束核聚变装置" + marker));
        TestWorks.create(Spec.published("磁约束核聚变草稿" + marker).status(WorkStatus.DRAFT, null));
        awaitIds(media(), marker, Map.of(), found -> found.size() == 1);
        // Autocomplete entries are part of the indexed document, written when the work is public at indexing time
        // (or by the re-index at its release): wait for the entry rather than assume it arrived with the search hit.
        List<String> texts = Await.until("the published title is suggested",
                () -> media().run("query($p: String!) { suggest(prefix: $p) { text workId } }",
                        Map.of("p", "磁约束核聚变")).ok().<List<String>>data("suggest.text"),
                found -> found.contains("磁约束核聚变装置" + marker), Duration.ofSeconds(30), Duration.ofMillis(200));
        assertThat(texts).contains("磁约束核聚变装置" + marker).doesNotContain("磁约束核聚变草稿" + marker);
    }

    @Test
    void relatedWorksShareWordsAndTopics() {
        String marker = marker();
        UUID source = TestWorks.create(Spec.published("月球背面着陆探索 " + marker).tags("嫦娥", marker));
        UUID similar = TestWorks.create(Spec.published("月球背面的秘密 " + marker).tags("嫦娥", marker));
        awaitIds(media(), marker, Map.of(), found -> found.size() == 2);
        List<String> related = media().run("query($id: ID!) { relatedWorks(id: $id, first: 5) { id } }",
                Map.of("id", source.toString())).ok().data("relatedWorks.id");
        assertThat(related).contains(similar.toString()).doesNotContain(source.toString());
    }

    @Test
    void collectionsHoldPublishedWorksInOrderAndFilterSearch() {
        String marker = marker();
        UUID a = TestWorks.create(Spec.published("科学家精神 钱学森 " + marker));
        UUID b = TestWorks.create(Spec.published("科学家精神 屠呦呦 " + marker));
        UUID outside = TestWorks.create(Spec.published("科学家精神 其他 " + marker));
        UUID draft = TestWorks.create(Spec.published("草稿 " + marker).status(WorkStatus.DRAFT, null));
        GraphQL organizer = GraphQL.as("organizer1");
        String create = """
                mutation($ids: [ID!]!) { createCollection(input: {title: "科学家精神专题", workIds: $ids}) {
                  id version works { id } } }""";

        var refused = organizer.run(create, Map.of("ids", List.of(a.toString(), draft.toString())));
        assertThat(refused.errorCode()).isEqualTo("VALIDATION");
        assertThat(refused.errorField()).isEqualTo("input.workIds[1]");

        var created = organizer.run(create, Map.of("ids", List.of(b.toString(), a.toString()))).ok();
        String collectionId = created.string("createCollection.id");
        assertThat(created.<List<String>>data("createCollection.works.id")).containsExactly(b.toString(), a.toString());

        Map<String, Object> inCollection = Map.of("filter", Map.of("collectionIds", List.of(collectionId)));
        List<String> found = awaitIds(media(), marker, inCollection, ids -> ids.size() == 2);
        assertThat(found).containsExactlyInAnyOrder(a.toString(), b.toString()).doesNotContain(outside.toString());

        assertThat(organizer.run("mutation($id: ID!) { deleteCollection(id: $id) }", Map.of("id", collectionId))
                .ok().<Boolean>data("deleteCollection")).isTrue();
        awaitIds(media(), marker, inCollection, List::isEmpty);
    }

    @Test
    void aPageOfHundredHitsWithNestedFieldsCostsBoundedStatements() {
        String marker = marker();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 120; i++) {
                TestWorks.persist(Spec.published("语句计数 " + i + " " + marker));
            }
        });
        awaitIds(media(), marker, Map.of("first", 100), found -> found.size() == 100);
        String nested = """
                query($q: String, $first: Int) { searchWorks(query: $q, first: $first) {
                  edges { node { id title creators { name affiliation } topics { code nameZh } } } } }""";
        long ten = statementsFor(() -> media().run(nested, Map.of("q", marker, "first", 10)).ok());
        long hundred = statementsFor(() -> media().run(nested, Map.of("q", marker, "first", 100)).ok());
        assertThat(hundred).as("statements for 100 hits").isLessThanOrEqualTo(5).isEqualTo(ten);
    }

    private long statementsFor(Runnable request) {
        var statistics = sessionFactory.getStatistics();
        long before = statistics.getPrepareStatementCount();
        request.run();
        return statistics.getPrepareStatementCount() - before;
    }

    private long outboxRowsFor(UUID workId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select (select count(*) from search_outbox where work_id = ?)"
                                + " + (select count(*) from search_version where work_id = ?)")) {
            count.setObject(1, workId);
            count.setObject(2, workId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** A token no other work contains, so each test sees only its own works. */
    static String marker() {
        return SearchWords.unique("m");
    }
}
