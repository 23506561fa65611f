package cn.kepu.media.media;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An outlet's own download history (myDownloads): single and ZIP downloads, newest first and paged, each with its
 * work while that is public; another outlet sees none of them and other roles are refused.
 */
@QuarkusTest
class MyDownloadsTest {

    static final String MINE = """
            query($first: Int, $after: String) { myDownloads(first: $first, after: $after) {
              totalCount pageInfo { hasNextPage endCursor }
              edges { cursor node { id workId assetId accountId licence downloadedAt bulkDownloadId
                                    work { id title } } } } }""";
    static final String DOWNLOAD = """
            mutation($id: ID!, $licence: Licence) { downloadUrl(assetId: $id, acceptLicence: $licence) { url } }""";
    static final String BULK = """
            mutation($input: BulkDownloadInput!) { bulkDownload(input: $input) { id fileCount } }""";
    private static final DirectWorks WORKS = new DirectWorks();

    @AfterAll
    static void cleanUp() {
        WORKS.deleteAll();
    }

    @Test
    void anOutletSeesItsOwnDownloadsNewestFirstPagedAndNoOneElsesAndOtherRolesAreRefused() {
        UUID photo = publishedWork("我的下载 日晕", Licence.CC_BY_4_0);
        UUID photoAsset = addJpeg(photo);
        UUID poster = publishedWork("我的下载 极光", Licence.CC_BY_NC_4_0);
        addJpeg(poster);
        Outlet mine = outlet();
        Outlet other = outlet();

        mine.client().run(DOWNLOAD, Map.of("id", photoAsset.toString(), "licence", "CC_BY_4_0")).ok();
        String bulk = mine.client().run(BULK, Map.of("input", Map.of("workIds", List.of(photo.toString(),
                poster.toString()), "acceptLicences", List.of("CC_BY_4_0", "CC_BY_NC_4_0")))).ok()
                .string("bulkDownload.id");
        other.client().run(DOWNLOAD, Map.of("id", photoAsset.toString(), "licence", "CC_BY_4_0")).ok();

        var all = mine.client().run(MINE, Map.of("first", 10)).ok();
        assertThat(all.<Integer>data("myDownloads.totalCount")).isEqualTo(3);
        List<Map<String, Object>> nodes = all.data("myDownloads.edges.node");
        assertThat(nodes).hasSize(3).allSatisfy(n -> assertThat(n).containsEntry("accountId", mine.id()));
        assertThat(nodes).extracting(n -> n.get("downloadedAt").toString())
                .isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        assertThat(nodes).filteredOn(n -> bulk.equals(n.get("bulkDownloadId"))).hasSize(2)
                .extracting(n -> n.get("workId")).containsExactlyInAnyOrder(photo.toString(), poster.toString());
        assertThat(nodes).filteredOn(n -> n.get("bulkDownloadId") == null).singleElement().satisfies(n -> {
            assertThat(n).containsEntry("workId", photo.toString()).containsEntry("licence", "CC_BY_4_0");
            assertThat(n.get("work").toString()).contains("我的下载 日晕");
        });

        // Paging: two pages of 2 + 1, without repeats.
        var page1 = mine.client().run(MINE, Map.of("first", 2)).ok();
        assertThat(page1.<Boolean>data("myDownloads.pageInfo.hasNextPage")).isTrue();
        var page2 = mine.client().run(MINE, Map.of("first", 2, "after",
                page1.string("myDownloads.pageInfo.endCursor"))).ok();
        assertThat(page2.<Boolean>data("myDownloads.pageInfo.hasNextPage")).isFalse();
        List<String> paged = new ArrayList<>(page1.<List<String>>data("myDownloads.edges.node.id"));
        paged.addAll(page2.data("myDownloads.edges.node.id"));
        assertThat(paged).containsExactlyElementsOf(nodes.stream().map(n -> n.get("id").toString()).toList());
        assertThat(mine.client().run(MINE, Map.of("after", "not-a-cursor")).errorCode()).isEqualTo("VALIDATION");

        // The other outlet sees only its own download.
        var theirs = other.client().run(MINE, Map.of("first", 10)).ok();
        assertThat(theirs.<Integer>data("myDownloads.totalCount")).isEqualTo(1);
        assertThat(theirs.<List<String>>data("myDownloads.edges.node.accountId")).containsOnly(other.id());
        assertThat(theirs.<List<String>>data("myDownloads.edges.node.id")).doesNotContainAnyElementsOf(paged);

        // A work taken down after the download stays in the history, without its (no longer public) work.
        QuarkusTransaction.requiringNew().run(() -> Work.update("status = ?1, publishedAt = null where id = ?2",
                WorkStatus.WITHDRAWN, poster));
        List<Map<String, Object>> after = mine.client().run(MINE, Map.of("first", 10)).ok()
                .data("myDownloads.edges.node");
        assertThat(after).hasSize(3).filteredOn(n -> poster.toString().equals(n.get("workId")))
                .allSatisfy(n -> assertThat(n.get("work")).isNull());

        for (String login : List.of("entrant1", "organizer1", "moderator1", "judge1")) {
            assertThat(GraphQL.as(login).run(MINE).errorCode()).as(login).isEqualTo("FORBIDDEN");
        }
        assertThat(GraphQL.anonymous().run(MINE).errorCode()).isEqualTo("UNAUTHENTICATED");
    }

    record Outlet(GraphQL client, String id) {
    }

    private static Outlet outlet() {
        String subject = "mydl-" + UUID.randomUUID().toString().substring(0, 8);
        GraphQL client = GraphQL.asSubject(subject, "MEDIA");
        Map<String, Object> input = new HashMap<>();
        input.put("displayName", subject);
        input.put("organizationType", "MEDIA_OUTLET");
        input.put("organization", "科技日报");
        input.put("region", "BEIJING");
        String id = client.run("mutation($input: RegisterInput!) { register(input: $input) { id } }",
                Map.of("input", input)).ok().string("register.id");
        return new Outlet(client, id);
    }

    private static UUID publishedWork(String title, Licence licence) {
        return WORKS.published(title, "作者（科研所）", licence);
    }

    /** A small photo stored as the work's verified original. */
    private static UUID addJpeg(UUID work) {
        return WORKS.storeJpeg(work, "照片.jpg", MediaFixtures.jpeg(64, 48), 64, 48);
    }
}
