package cn.kepu.media.search;

import static cn.kepu.media.search.Searching.awaitIds;
import static cn.kepu.media.search.Searching.search;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.devstack.LocalStack;
import cn.kepu.media.search.TestWorks.Spec;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.Work;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The index follows PostgreSQL through an Elasticsearch outage and through reindexes under load. */
@QuarkusTest
class SearchConsistencyTest {

    static GraphQL media() {
        return GraphQL.as("media1");
    }
    static GraphQL organizer() {
        return GraphQL.as("organizer1");
    }

    @Inject
    SearchDocuments documents;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    SearchIndexer indexer;

    @AfterAll
    static void deleteTheWorksMadeHere() {
        TestWorks.deleteAll();
    }

    @Test
    void changesMadeWhileElasticsearchIsDownAreAllSearchableAfterwardsWithoutDrift() {
        String marker = SearchWorksTest.marker();
        UUID before = TestWorks.create(Spec.published("停机前作品 " + marker));
        awaitIds(media(), marker, Map.of(), found -> found.contains(before.toString()));

        LocalStack stack = LocalStack.ensureRunning();
        List<String> madeMeanwhile = new ArrayList<>();
        stack.stopElasticsearch();
        try {
            for (int i = 0; i < 20; i++) {
                madeMeanwhile.add(TestWorks.create(Spec.published("停机期间作品 " + i + " " + marker)).toString());
            }
            QuarkusTransaction.requiringNew().run(() -> Work.<Work>findById(before).title = "停机期间改名 " + marker);
            var unavailable = search(media(), marker, Map.of());
            assertThat(unavailable.errorCode()).as("a typed error while the index is down")
                    .isEqualTo("SEARCH_UNAVAILABLE");
        } finally {
            stack.startElasticsearch();
        }

        madeMeanwhile.add(before.toString());
        awaitIds(media(), marker, Map.of("first", 50), found -> found.containsAll(madeMeanwhile));
        awaitIds(media(), "停机期间改名", Map.of(), found -> found.contains(before.toString()));
        assertThat(Searching.awaitInSync()).as("drift after catching up").containsEntry("inSync", true)
                .containsEntry("missing", 0).containsEntry("stale", 0).containsEntry("extra", 0);
    }

    @Test
    void severalIndexersDrainTheOutboxSideBySide() throws Exception {
        String marker = SearchWorksTest.marker();
        List<String> ids = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 400; i++) {
                ids.add(TestWorks.persist(Spec.published("并行索引 " + i + " " + marker)).id.toString());
            }
        });
        // Four drainers next to the scheduled one, as with several service instances: SKIP LOCKED gives each its own
        // rows, so none waits on or fails because of another.
        List<Future<Integer>> drained = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                drained.add(pool.submit(() -> {
                    int rows = 0;
                    int batch;
                    while ((batch = indexer.drainOnce()) > 0) {
                        rows += batch;
                    }
                    return rows;
                }));
            }
            for (Future<Integer> rows : drained) {
                assertThat(rows.get()).isNotNegative();
            }
        }
        awaitIds(organizer(), marker, Map.of("first", 100), found -> found.size() == 100);
        Searching.awaitTotal(organizer(), marker, ids.size());
        assertThat(Searching.awaitInSync()).containsEntry("inSync", true);
    }

    @Test
    void theUploadersOrganisationIsNeitherIndexedNorSearchable() throws Exception {
        String marker = SearchWorksTest.marker();
        String organisation = "Quillfeather Institute " + SearchWorksTest.marker();
        QuarkusTransaction.requiringNew().run(() -> cn.kepu.media.identity.Account.<cn.kepu.media.identity.Account>
                findById(TestWorks.ENTRANT1).organization = organisation);
        try {
            UUID work = TestWorks.create(Spec.published("机构隐私 " + marker));
            awaitIds(media(), marker, Map.of(), found -> found.contains(work.toString()));
            // The document as indexed holds the work's own creators and affiliations only, in no field.
            try (var connection = dataSource.getConnection()) {
                String document = documents.load(connection, List.of(work)).getFirst().sourceText();
                assertThat(document).doesNotContain("Quillfeather").contains("测试单位");
            }
            for (GraphQL caller : List.of(GraphQL.anonymous(), media(), organizer())) {
                var response = search(caller, organisation, Map.of()).ok();
                assertThat(Searching.ids(response)).doesNotContain(work.toString());
                assertThat(response.json().prettify()).doesNotContain("Quillfeather");
            }
        } finally {
            QuarkusTransaction.requiringNew().run(() -> cn.kepu.media.identity.Account.<cn.kepu.media.identity.Account>
                    findById(TestWorks.ENTRANT1).organization = "中国科学技术大学");
        }
    }

    @Test
    void reindexWhileSearchingNeverFailsNorComesBackEmpty() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        List<String> problems = new CopyOnWriteArrayList<>();
        Thread searcher = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                var response = search(media(), "量子计算", Map.of("first", 5));
                searches.incrementAndGet();
                if (!response.errors().isEmpty()) {
                    problems.add("errors " + response.errors());
                } else if (response.<Integer>data("searchWorks.totalCount") == 0) {
                    problems.add("empty result");
                }
            }
        });
        try {
            for (int i = 0; i < 3; i++) {
                UUID changed = TestWorks.create(Spec.published("重建期间新作品 " + i));
                var report = organizer().run("mutation { reindexWorks { index documents } }").ok();
                assertThat(report.<Integer>data("reindexWorks.documents")).isPositive();
                awaitIds(media(), "重建期间新作品 " + i, Map.of(), found -> found.contains(changed.toString()));
            }
        } finally {
            running.set(false);
            searcher.join(Duration.ofSeconds(30));
        }
        assertThat(searches.get()).as("searches made during the reindexes").isGreaterThan(3);
        assertThat(problems).isEmpty();
        assertThat(Searching.awaitInSync()).containsEntry("inSync", true);
    }
}
