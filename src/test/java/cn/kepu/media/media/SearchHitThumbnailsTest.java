package cn.kepu.media.media;

import cn.kepu.media.testsupport.SearchWords;
import static cn.kepu.media.media.MediaUploadTest.awaitRenditions;
import static cn.kepu.media.media.MediaUploadTest.createWork;
import static cn.kepu.media.media.MediaUploadTest.uploadAndComplete;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * An outlet's result list shows pictures: every searchWorks hit with an image carries a thumbnail URL a browser loads
 * directly, and a page of hits costs the same few SQL statements whatever its size (the previews are batch-resolved).
 */
@QuarkusTest
class SearchHitThumbnailsTest {

    private static final String SEARCH = """
            query($q: String, $first: Int) { searchWorks(query: $q, first: $first) { edges { node {
              id preview { mediaType thumbnailUrl previewUrl width height } previews { thumbnailUrl } } } } }""";
    private static final int WORKS = 3;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void searchHitsCarryLoadableThumbnailsAtABoundedNumberOfStatements() {
        String marker = SearchWords.unique("t");
        List<String> works = new ArrayList<>();
        for (int i = 0; i < WORKS; i++) {
            String work = createWork("entrant1", "PHOTO");
            uploadAndComplete("entrant1", work, "photo.jpg", "image/jpeg", MediaFixtures.jpeg(1200, 1000)).ok();
            awaitRenditions("entrant1", work, 0);
            publish(work, "缩略图检索 " + marker + " " + i);
            works.add(work);
        }
        GraphQL anonymous = GraphQL.anonymous();
        List<Map<String, Object>> hits = awaitHits(anonymous, marker);
        assertThat(hits).extracting(h -> h.get("id")).containsExactlyInAnyOrderElementsOf(works);

        for (Map<String, Object> hit : hits) {
            @SuppressWarnings("unchecked")
            Map<String, Object> preview = (Map<String, Object>) hit.get("preview");
            assertThat(preview).as("preview of hit %s", hit.get("id")).isNotNull()
                    .containsEntry("mediaType", "IMAGE").containsEntry("width", 1200).containsEntry("height", 1000);
            String thumbnail = (String) preview.get("thumbnailUrl");
            assertThat(thumbnail).isNotBlank().doesNotContain((String) hit.get("id"));
            Response got = given().urlEncodingEnabled(false).get(thumbnail);
            assertThat(got.statusCode()).as(thumbnail).isEqualTo(200);
            assertThat(got.contentType()).isEqualTo("image/jpeg");
            assertThat(got.header("Cache-Control")).contains("max-age");
            assertThat(got.asByteArray()).startsWith((byte) 0xFF, (byte) 0xD8);
        }

        long one = statementsFor(anonymous, marker, 1);
        long all = statementsFor(anonymous, marker, WORKS);
        // preview and previews are one batch query each, shared by every hit of the page.
        assertThat(all).as("statements for %d hits", WORKS).isEqualTo(one).isLessThanOrEqualTo(3);
    }

    private long statementsFor(GraphQL caller, String marker, int first) {
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        List<Object> nodes = caller.run(SEARCH, Map.of("q", marker, "first", first)).ok()
                .data("searchWorks.edges.node");
        assertThat(nodes).hasSize(first);
        return statistics.getPrepareStatementCount();
    }

    private static List<Map<String, Object>> awaitHits(GraphQL as, String marker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Map<String, Object>> hits = List.of();
        while (System.nanoTime() < deadline) {
            hits = as.run(SEARCH, Map.of("q", marker, "first", 10)).ok().data("searchWorks.edges.node");
            if (hits.size() == WORKS) {
                return hits;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("search for " + marker + " found " + hits.size() + " of " + WORKS + " works");
    }

    /** Publishing belongs to moderation (another feature); the test sets the state and a findable title directly. */
    private static void publish(String work, String title) {
        QuarkusTransaction.requiringNew().run(() -> Work.update("title = ?1, status = ?2, publishedAt = ?3 where id = ?4",
                title, WorkStatus.PUBLISHED, Instant.now(), UUID.fromString(work)));
    }
}
