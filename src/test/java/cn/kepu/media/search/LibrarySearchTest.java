package cn.kepu.media.search;

import static cn.kepu.media.search.Searching.awaitIds;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.TestWorks.Spec;
import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What outlets filter and sort the library by: works with files, and downloads counted from the download log. */
@QuarkusTest
class LibrarySearchTest {

    @Inject
    EntityManager em;

    @Inject
    DownloadCountFlush flush;

    @AfterAll
    static void cleanUp() {
        TestWorks.deleteAll();
    }

    @Test
    void theMostDownloadedWorkSortsFirstOnceTheCountsAreFlushedInOneIndexWritePerWork() {
        String word = uniqueWord();
        UUID few = TestWorks.create(Spec.published("下载排序 " + word + " 甲"));
        UUID many = TestWorks.create(Spec.published("下载排序 " + word + " 乙"));
        UUID none = TestWorks.create(Spec.published("下载排序 " + word + " 丙"));
        UUID fewAsset = addAsset(few);
        UUID manyAsset = addAsset(many);
        GraphQL anyone = GraphQL.anonymous();
        Map<String, Object> byDownloads = Map.of("sort", "MOST_DOWNLOADED");
        awaitIds(anyone, word, byDownloads, ids -> ids.size() == 3);

        long versionBefore = version(many);
        download(few, fewAsset, 2);
        download(many, manyAsset, 5);
        // Downloads alone never touch the search outbox (the test profile turns the scheduled flush off); the flush
        // marks each work whose count moved, once, and remembers what it flushed.
        assertThat(version(many)).isEqualTo(versionBefore);
        assertThat(counts(many)).containsExactly(5L, 0L);
        assertThat(flush.flush()).isGreaterThanOrEqualTo(2);
        assertThat(version(many)).isGreaterThan(versionBefore);
        assertThat(counts(many)).containsExactly(5L, 5L);
        long flushed = version(many);
        flush.flush();
        assertThat(version(many)).as("nothing moved since: no new index write").isEqualTo(flushed);

        List<String> order = awaitIds(anyone, word, byDownloads,
                ids -> ids.equals(List.of(many.toString(), few.toString(), none.toString())));
        assertThat(order).containsExactly(many.toString(), few.toString(), none.toString());
        // Newest keeps its own order: the last created first.
        assertThat(awaitIds(anyone, word, Map.of("sort", "NEWEST"), ids -> ids.size() == 3))
                .containsExactly(none.toString(), many.toString(), few.toString());
    }

    @Test
    void hasFilesLeavesOutWorksWithoutFilesInSearchAndListingsAndFollowsTheirFiles() {
        String word = uniqueWord();
        UUID with = TestWorks.create(Spec.published("有文件 " + word));
        UUID without = TestWorks.create(Spec.published("无文件 " + word));
        UUID asset = addAsset(with);
        GraphQL anyone = GraphQL.anonymous();

        assertThat(awaitIds(anyone, word, Map.of("filter", Map.of("hasFiles", true)),
                ids -> ids.equals(List.of(with.toString())))).containsExactly(with.toString());
        assertThat(awaitIds(anyone, word, Map.of("filter", Map.of("hasFiles", false)),
                ids -> ids.equals(List.of(without.toString())))).containsExactly(without.toString());
        assertThat(awaitIds(anyone, word, Map.of(), ids -> ids.size() == 2)).hasSize(2);

        var work = anyone.run("query($id: ID!) { work(id: $id) { hasFiles } }", Map.of("id", with.toString())).ok();
        assertThat(work.<Boolean>data("work.hasFiles")).isTrue();
        List<String> listed = anyone.run("""
                { works(first: 50, filter: {hasFiles: false}) { edges { node { id hasFiles } } } }""").ok()
                .data("works.edges.node.id");
        assertThat(listed).contains(without.toString()).doesNotContain(with.toString());

        // Removing the last file clears the flag, whatever code path removes it.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from media_asset where id = ?1")
                .setParameter(1, asset).executeUpdate());
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select has_files from work where id = ?1").setParameter(1, with).getSingleResult())).isEqualTo(false);
        assertThat(awaitIds(anyone, word, Map.of("filter", Map.of("hasFiles", true)), List::isEmpty)).isEmpty();
    }

    private UUID addAsset(UUID work) {
        UUID asset = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into media_asset (id, work_id, owner_id, object_key, file_name, mime_type, size_bytes,
                                                 sha256, width, height, created_at)
                        values (?1, ?2, ?3, ?4, 'poster.jpg', 'image/jpeg', 1000, ?5, 1200, 1600, now())""")
                .setParameter(1, asset).setParameter(2, work).setParameter(3, TestWorks.ENTRANT1)
                .setParameter(4, "originals/" + work + "/" + asset).setParameter(5, "0".repeat(64)).executeUpdate());
        return asset;
    }

    private void download(UUID work, UUID asset, int times) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < times; i++) {
                em.createNativeQuery("""
                                insert into download_record (id, asset_id, work_id, account_id, licence, downloaded_at)
                                values (gen_random_uuid(), ?1, ?2, ?3, 'CC_BY_4_0', now())""")
                        .setParameter(1, asset).setParameter(2, work)
                        .setParameter(3, UUID.nameUUIDFromBytes("demo-account:media1".getBytes()))
                        .executeUpdate();
            }
        });
    }

    private long version(UUID work) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select version from search_version where work_id = ?1").setParameter(1, work).getSingleResult())
                .longValue());
    }

    private List<Long> counts(UUID work) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select downloads, indexed from work_download_count where work_id = ?1").setParameter(1, work)
                .getSingleResult());
        return List.of(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /** A made-up word no other work contains, so each test searches only its own works. */
    static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
