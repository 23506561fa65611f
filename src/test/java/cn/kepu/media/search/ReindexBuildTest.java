package cn.kepu.media.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.kepu.media.search.TestWorks.Spec;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.WorkMediaFacts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The reindex builds its index without refreshes or replicas while reading and writing overlap (Reindexer): the
 * definition's settings are back once it is searchable, and a build that fails part-way — PostgreSQL failing while
 * bulks are in flight, or Elasticsearch refusing a bulk on a writer thread — leaves nothing behind: its index is
 * deleted (with it the pending alias), searches keep reading the old index, and the failure reaches the caller.
 */
@QuarkusTest
class ReindexBuildTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SearchIndex index;

    @Inject
    SearchConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    WorkMediaFacts mediaFacts;

    @Inject
    Clock clock;

    @Inject
    RestClient elasticsearch;

    @AfterAll
    static void deleteTheWorksMadeHere() {
        TestWorks.deleteAll();
    }

    @Test
    void theBuiltIndexHasTheDefinitionsRefreshAndReplicasBackAndHoldsEveryWork() throws Exception {
        TestWorks.create(Spec.published("重建设置恢复 " + UUID.randomUUID().toString().substring(0, 8)));
        String built = GraphQL.as("organizer1").run("mutation { reindexWorks { index documents } }").ok()
                .data("reindexWorks.index");

        assertThat(index.indicesOf(config.alias())).containsExactly(built);
        assertThat(index.indicesOf(config.pendingAlias())).isEmpty();
        var settings = index.settings(built);
        assertThat(settings.path("index.refresh_interval").asText("")).as("refresh interval").isNotEqualTo("-1");
        assertThat(settings.path("index.number_of_replicas").asText()).as("replicas").isEqualTo("0");
        assertThat(settings.path("index.translog.durability").asText("")).as("translog").isNotEqualTo("async");
        assertThat(Searching.awaitInSync()).as("drift after the reindex").containsEntry("inSync", true);
    }

    @Test
    void aBuildWhosePostgreSQLReadFailsWhileBulksAreInFlightLeavesNoIndexBehind() throws Exception {
        AtomicInteger pages = new AtomicInteger();
        SearchDocuments failingOnSecondPage = new SearchDocuments(json, mediaFacts, clock) {
            @Override
            public Page readPage(Connection connection, UUID from, UUID to, UUID afterId, int size)
                    throws SQLException {
                if (pages.incrementAndGet() == 2) {
                    throw new SQLException("connection lost (test)");
                }
                return super.readPage(connection, from, to, afterId, size);
            }
        };
        assertFailedBuildLeavesNothing(failingOnSecondPage, SQLException.class, "connection lost (test)");
        // The failing read, and any other reader's reads before it saw the failure.
        assertThat(pages.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBulkRefusedOnAWriterThreadFailsTheBuildAndLeavesNoIndexBehind() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        SearchDocuments refusedByTheMapping = new SearchDocuments(json, mediaFacts, clock) {
            @Override
            public List<SearchDocument> build(List<WorkRow> rows) {
                List<SearchDocument> page = new ArrayList<>(super.build(rows));
                if (first.getAndSet(false)) {
                    // The mapping is strict: an unknown field makes Elasticsearch refuse this item of the bulk.
                    page.add(new SearchDocument(UUID.randomUUID(), 1,
                            "{\"noSuchField\":1}".getBytes(StandardCharsets.UTF_8), null));
                }
                return page;
            }
        };
        assertFailedBuildLeavesNothing(refusedByTheMapping, IOException.class, "Bulk indexing failed");
    }

    private void assertFailedBuildLeavesNothing(SearchDocuments documents, Class<? extends Exception> failure,
            String message) throws Exception {
        Set<String> before = index.indicesOf(config.alias());
        assertThat(before).hasSize(1);
        Set<String> allBefore = allIndices();
        Reindexer reindexer = new Reindexer(dataSource, index, documents, config);

        assertThatThrownBy(reindexer::reindex).isInstanceOf(failure).hasMessageContaining(message);

        assertThat(index.indicesOf(config.alias())).as("the alias is untouched").isEqualTo(before);
        assertThat(index.indicesOf(config.pendingAlias())).as("nothing pending").isEmpty();
        assertThat(allIndices()).as("the failed build's index is deleted").isEqualTo(allBefore);
        assertThat(index.settings(before.iterator().next()).path("index.refresh_interval").asText(""))
                .isNotEqualTo("-1");
        // The advisory lock is released: the next reindex runs.
        assertThat(GraphQL.as("organizer1").run("mutation { reindexWorks { documents } }").ok()
                .<Integer>data("reindexWorks.documents")).isPositive();
        assertThat(Searching.awaitInSync()).containsEntry("inSync", true);
    }

    /** The concrete works indices of this prefix, whatever alias they are behind. */
    private Set<String> allIndices() throws IOException {
        Request request = new Request("GET", "/" + config.indexPrefix() + config.definition() + "-*/_settings");
        request.addParameter("allow_no_indices", "true");
        Set<String> names = new TreeSet<>();
        try (var in = elasticsearch.performRequest(request).getEntity().getContent()) {
            json.readTree(in).fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
