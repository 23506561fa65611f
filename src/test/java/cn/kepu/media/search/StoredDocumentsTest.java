package cn.kepu.media.search;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.TestWorks.Spec;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkMediaFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The stored search documents (search_document, V166): the indexer keeps each document it sent at its version, a
 * reindex sends a stored document as it is only while it is exact — the work's search version, this builder, not past
 * its fresh-until time — and builds (and stores) every other; a work edited while its page is in flight ends current
 * in the index and in the store; a deleted work's document goes with it.
 */
@QuarkusTest
class StoredDocumentsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SearchDocuments documents;

    @Inject
    SearchIndex index;

    @Inject
    SearchIndexer indexer;

    @Inject
    SearchConfig config;

    @Inject
    WorkMediaFacts mediaFacts;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    RestClient elasticsearch;

    @AfterAll
    static void deleteTheWorksMadeHere() {
        TestWorks.deleteAll();
    }

    @Test
    void theIndexerStoresTheDocumentItSentAtItsVersion() throws Exception {
        String marker = SearchWorksTest.marker();
        UUID work = TestWorks.create(Spec.published("存储文档 " + marker).titleEn("Stored document " + marker)
                .description("深海探测器在马里亚纳海沟采集样本。").tags("深海", "探测"));
        awaitIndexed(work);

        Stored stored = stored(work);
        assertThat(stored.version()).isEqualTo(searchVersion(work));
        assertThat(stored.builder()).isEqualTo(SearchDocuments.BUILDER);
        assertThat(stored.freshUntil()).isNull();
        assertThat(new String(stored.body(), java.nio.charset.StandardCharsets.UTF_8))
                .as("the stored document is the document built now").isEqualTo(fresh(work).sourceText());
        // What the index holds is the stored document (its _source leaves the word fields out: "w" stays, empty).
        ObjectNode withoutWords = (ObjectNode) json.readTree(stored.body());
        assertThat(withoutWords.path("w").path("title").asText()).as("the word fields are stored").isNotEmpty();
        withoutWords.putObject("w");
        assertThat(indexed(work)).isEqualTo(withoutWords);
    }

    @Test
    void aReindexSendsExactStoredDocumentsAsTheyAreAndBuildsTheOthers() throws Exception {
        String marker = SearchWorksTest.marker();
        UUID exact = TestWorks.create(Spec.published("存储精确 " + marker));
        UUID olderVersion = TestWorks.create(Spec.published("存储旧版 " + marker));
        UUID otherBuilder = TestWorks.create(Spec.published("存储旧构建 " + marker));
        UUID expired = TestWorks.create(Spec.published("存储过期 " + marker));
        UUID missing = TestWorks.create(Spec.published("存储缺失 " + marker));
        List<UUID> all = List.of(exact, olderVersion, otherBuilder, expired, missing);
        for (UUID work : all) {
            awaitIndexed(work);
        }
        // A marked body under each row: the index shows whether the reindex sent the stored body or built one.
        for (UUID work : all) {
            update(work, "update search_document set body = ? where work_id = ?", marked(work));
        }
        update(olderVersion, "update search_document set version = version - 1 where work_id = ?");
        update(otherBuilder, "update search_document set builder = '0/an older builder' where work_id = ?");
        update(expired, "update search_document set fresh_until = now() - interval '1 minute' where work_id = ?");
        update(missing, "delete from search_document where work_id = ?");

        GraphQL.as("organizer1").run("mutation { reindexWorks { documents } }").ok();

        assertThat(indexed(exact).path("title").asText()).as("an exact stored document is sent as it is")
                .isEqualTo("STORED " + exact);
        for (UUID rebuilt : List.of(olderVersion, otherBuilder, expired, missing)) {
            assertThat(indexed(rebuilt).path("title").asText()).as("%s is built again", rebuilt)
                    .startsWith("存储");
            Stored stored = stored(rebuilt);
            assertThat(stored.version()).isEqualTo(searchVersion(rebuilt));
            assertThat(stored.builder()).isEqualTo(SearchDocuments.BUILDER);
            assertThat(stored.freshUntil()).isNull();
            assertThat(stored.body()).as("what the reindex built is stored").isEqualTo(fresh(rebuilt).source());
        }

        // Any change brings the marked work back to its real document (and a new version into the store).
        QuarkusTransaction.requiringNew().run(() -> Work.<Work>findById(exact).description = "改过");
        awaitIndexed(exact);
        assertThat(indexed(exact).path("title").asText()).startsWith("存储精确");
        assertThat(Searching.awaitInSync()).containsEntry("inSync", true);
    }

    @Test
    void aWorkPublishedForLaterIsStoredUntilItsPublicationOnly() throws Exception {
        String marker = SearchWorksTest.marker();
        UUID later = TestWorks.create(Spec.published("定时发布存储 " + marker).status(cn.kepu.media.works.WorkStatus.PUBLISHED,
                TestWorks.now().plus(Duration.ofDays(1))));
        awaitStored(later);
        Stored stored = stored(later);
        assertThat(stored.freshUntil()).as("fresh until its publication").isNotNull();
        assertThat(new String(stored.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("suggest");
    }

    @Test
    void aWorkEditedWhileItsPageIsInFlightEndsCurrentInTheIndexAndInTheStore() throws Exception {
        String marker = SearchWorksTest.marker();
        UUID stored = TestWorks.create(Spec.published("重建中修改存储 " + marker));
        UUID built = TestWorks.create(Spec.published("重建中修改构建 " + marker));
        awaitIndexed(stored);
        awaitIndexed(built);
        update(built, "delete from search_document where work_id = ?");

        Set<UUID> edited = ConcurrentHashMap.newKeySet();
        SearchDocuments editingAfterReading = new SearchDocuments(json, mediaFacts, clock) {
            @Override
            public Page readPage(Connection connection, UUID from, UUID to, UUID afterId, int size)
                    throws SQLException {
                Page page = super.readPage(connection, from, to, afterId, size);
                // Each work changes after the page read it (one as its stored document, one as a row to build); the
                // indexer writes the new version into the index being built (the pending alias) and into the store
                // before the page is sent.
                if (page.stored().stream().anyMatch(d -> d.id().equals(stored)) && edited.add(stored)) {
                    rename(stored, "重建中已修改存储 " + marker);
                }
                if (page.toBuild().stream().anyMatch(r -> r.id().equals(built)) && edited.add(built)) {
                    rename(built, "重建中已修改构建 " + marker);
                }
                return page;
            }
        };
        new Reindexer(dataSource, index, editingAfterReading, config).reindex();

        assertThat(edited).as("read as stored and as to build").containsExactlyInAnyOrder(stored, built);
        assertThat(indexed(stored).path("title").asText()).isEqualTo("重建中已修改存储 " + marker);
        assertThat(indexed(built).path("title").asText()).isEqualTo("重建中已修改构建 " + marker);
        for (UUID work : List.of(stored, built)) {
            Stored row = stored(work);
            assertThat(row.version()).as("the store keeps the newer version").isEqualTo(searchVersion(work));
            assertThat(row.body()).isEqualTo(fresh(work).source());
        }
        assertThat(Searching.awaitInSync()).containsEntry("inSync", true);
    }

    @Test
    void aDeletedWorksStoredDocumentGoesWithIt() throws Exception {
        UUID work = TestWorks.create(Spec.published("删除存储 " + SearchWorksTest.marker()));
        awaitIndexed(work);
        QuarkusTransaction.requiringNew().run(() -> Work.deleteById(work));
        awaitOutboxDrained();
        assertThat(storedOrNull(work)).isNull();
    }

    // ---- helpers

    private void rename(UUID work, String title) {
        QuarkusTransaction.requiringNew().run(() -> Work.<Work>findById(work).title = title);
        awaitOutboxDrained();
    }

    record Stored(long version, String builder, java.sql.Timestamp freshUntil, byte[] body) {
    }

    private Stored stored(UUID work) throws SQLException {
        Stored stored = storedOrNull(work);
        assertThat(stored).as("stored document of %s", work).isNotNull();
        return stored;
    }

    private Stored storedOrNull(UUID work) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select version, builder, fresh_until, body from search_document where work_id = ?")) {
            select.setObject(1, work);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Stored(row.getLong(1), row.getString(2), row.getTimestamp(3), row.getBytes(4))
                        : null;
            }
        }
    }

    private long searchVersion(UUID work) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select version from search_version where work_id = ?")) {
            select.setObject(1, work);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private SearchDocument fresh(UUID work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return documents.load(connection, List.of(work)).getFirst();
        }
    }

    /** The work's fresh document with its title replaced by {@code STORED <id>}. */
    private byte[] marked(UUID work) throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(fresh(work).source());
        body.put("title", "STORED " + work);
        return json.writeValueAsBytes(body);
    }

    private void update(UUID work, String sql, Object... before) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Object value : before) {
                statement.setObject(parameter++, value);
            }
            statement.setObject(parameter, work);
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    /** The document of the work as the index behind the alias holds it (real-time GET). */
    private JsonNode indexed(UUID work) throws Exception {
        var response = elasticsearch.performRequest(new Request("GET", "/" + config.alias() + "/_doc/" + work));
        try (var in = response.getEntity().getContent()) {
            return json.readTree(in).path("_source");
        }
    }

    /** Until the outbox is drained and the work's document is stored at its current version. */
    private void awaitIndexed(UUID work) throws Exception {
        awaitOutboxDrained();
        awaitStored(work);
    }

    private void awaitStored(UUID work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Stored stored = storedOrNull(work);
            if (stored != null && stored.version() == searchVersion(work)) {
                return;
            }
            assertThat(System.nanoTime()).as("%s stored in time", work).isLessThan(deadline);
            Searching.sleep(50);
        }
    }

    private void awaitOutboxDrained() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try {
            while (indexer.pending() > 0) {
                assertThat(System.nanoTime()).as("outbox drained in time").isLessThan(deadline);
                Searching.sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
