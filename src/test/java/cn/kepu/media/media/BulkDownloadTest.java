package cn.kepu.media.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestClock;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkStatus;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An outlet downloads many works as one ZIP: distribution copies (no location), a manifest of credit lines and
 * licences in JSON and CSV, the download log written, the licences, limits and visibility of single downloads.
 */
@QuarkusTest
class BulkDownloadTest {

    private static final String BULK = """
            mutation($input: BulkDownloadInput!) { bulkDownload(input: $input) {
              id url expiresAt fileName workCount fileCount totalBytes } }""";
    private static final DirectWorks WORKS = new DirectWorks();

    @Inject
    EntityManager em;

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper json;

    @Inject
    BulkStreams streams;

    @Inject
    MediaConfig config;

    @AfterAll
    static void cleanUp() {
        WORKS.deleteAll();
    }

    @Test
    void twentyWorksStreamAsOneZipOfDistributionCopiesWithManifestAndLoggedDownloads() throws Exception {
        List<UUID> works = new ArrayList<>();
        Map<UUID, String> credit = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            Licence licence = i % 3 == 0 ? Licence.CC_BY_NC_4_0 : Licence.CC_BY_4_0;
            UUID work = WORKS.published("批量下载 " + i + " 深海/探测", "作者" + i + "（科研所）", licence);
            addJpeg(work);
            works.add(work);
            credit.put(work, "作者" + i + "（科研所）");
        }
        List<String> ids = works.stream().map(UUID::toString).toList();
        GraphQL media = GraphQL.as("media1");

        var refused = media.run(BULK, input(ids, List.of("CC_BY_4_0")));
        assertThat(refused.errorCode()).isEqualTo("VALIDATION");
        assertThat(refused.errorField()).isEqualTo("input.acceptLicences");
        assertThat(refused.errorMessage()).contains("CC_BY_NC_4_0");

        var plan = media.run(BULK, input(ids, List.of("CC_BY_4_0", "CC_BY_NC_4_0"))).ok();
        assertThat(plan.<Integer>data("bulkDownload.workCount")).isEqualTo(20);
        assertThat(plan.<Integer>data("bulkDownload.fileCount")).isEqualTo(20);
        String bulkId = plan.string("bulkDownload.id");
        assertThat(downloadsLogged(bulkId)).isEqualTo(20);

        Response response = given().get(plan.string("bulkDownload.url"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/zip");
        assertThat(response.header("Content-Disposition")).contains(plan.string("bulkDownload.fileName"));
        Map<String, byte[]> zip = unzip(response.asByteArray());

        assertThat(zip).containsKeys("manifest.json", "manifest.csv").hasSize(22);
        JsonNode manifest = json.readTree(zip.get("manifest.json"));
        assertThat(manifest.path("bulkDownloadId").asText()).isEqualTo(bulkId);
        assertThat(manifest.path("works")).hasSize(20);
        assertThat(manifest.path("skipped")).isEmpty();
        for (int i = 0; i < 20; i++) {
            JsonNode w = manifest.path("works").get(i);
            assertThat(w.path("workId").asText()).isEqualTo(ids.get(i));
            assertThat(w.path("creditLine").asText()).isEqualTo(credit.get(works.get(i)));
            assertThat(w.path("licence").path("code").asText()).isEqualTo(i % 3 == 0 ? "CC_BY_NC_4_0" : "CC_BY_4_0");
            assertThat(w.path("licence").path("url").asText()).startsWith("https://creativecommons.org/");
            JsonNode file = w.path("files").get(0);
            String path = file.path("path").asText();
            // One folder per work, numbered in the chosen order, the title made safe ("/" is no folder).
            assertThat(path).startsWith(String.format("%02d-批量下载 %d 深海 探测/kepu-", i + 1, i)).endsWith(".jpg");
            byte[] bytes = zip.get(path);
            assertThat(bytes).as(path).isNotNull();
            assertThat(file.path("sizeBytes").asLong()).isEqualTo(bytes.length);
            assertThat(file.path("sha256").asText()).isEqualTo(MediaFixtures.sha256(bytes));
            // The distribution copy: no GPS, the credit line written into the file.
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).as(path).isNull();
            assertThat(metadata.getFirstDirectoryOfType(IptcDirectory.class).getString(IptcDirectory.TAG_CREDIT))
                    .isEqualTo(credit.get(works.get(i)));
        }
        String csv = new String(zip.get("manifest.csv"), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(21);
        assertThat(lines.getFirst()).startsWith("\uFEFFwork_id,title,title_en,credit_line,licence");
        assertThat(lines.get(1)).startsWith(ids.getFirst() + ",批量下载 0 深海/探测,," + credit.get(works.getFirst())
                + ",CC_BY_NC_4_0,");

        // A work taken down after the request is left out of a later fetch, and the manifest says so.
        QuarkusTransaction.requiringNew().run(() -> Work.update("status = ?1 where id = ?2", WorkStatus.WITHDRAWN,
                works.get(4)));
        Map<String, byte[]> again = unzip(given().get(plan.string("bulkDownload.url")).asByteArray());
        JsonNode second = json.readTree(again.get("manifest.json"));
        assertThat(second.path("works")).hasSize(19);
        assertThat(second.path("skipped").get(0).path("workId").asText()).isEqualTo(ids.get(4));
        assertThat(second.path("skipped").get(0).path("reason").asText()).isEqualTo("NOT_PUBLIC");
        assertThat(again.keySet()).noneMatch(name -> name.startsWith("05-"));

        // The URL is the permission only for a while; a guessed one never is.
        clock.advance(Duration.ofMinutes(16));
        try {
            assertThat(given().get(plan.string("bulkDownload.url")).statusCode()).isEqualTo(404);
        } finally {
            clock.reset();
        }
        assertThat(given().get("/media/bulk/" + "A".repeat(43)).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyOutletsMayBulkDownloadPublishedWorksWithFilesWithinTheLimits() {
        UUID published = WORKS.published("批量限制", "作者", Licence.CC_BY_4_0);
        addJpeg(published);
        UUID noFiles = WORKS.published("没有文件", "作者", Licence.CC_BY_4_0);
        Work unpublished = DirectWorks.newPublished("草稿", "作者", Licence.CC_BY_4_0);
        unpublished.status = WorkStatus.DRAFT;
        unpublished.publishedAt = null;
        UUID draft = WORKS.persist(unpublished);
        var accept = List.of("CC_BY_4_0");

        assertThat(GraphQL.anonymous().run(BULK, input(List.of(published.toString()), accept)).errorCode())
                .isEqualTo("UNAUTHENTICATED");
        for (String login : List.of("entrant1", "judge1", "organizer1")) {
            assertThat(GraphQL.as(login).run(BULK, input(List.of(published.toString()), accept)).errorCode())
                    .as(login).isEqualTo("FORBIDDEN");
        }
        GraphQL media = GraphQL.as("media1");
        var hidden = media.run(BULK, input(List.of(published.toString(), draft.toString()), accept));
        assertThat(hidden.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(hidden.errorField()).isEqualTo("input.workIds[1]");
        var empty = media.run(BULK, input(List.of(published.toString(), noFiles.toString()), accept));
        assertThat(empty.errorCode()).isEqualTo("VALIDATION");
        assertThat(empty.errorField()).isEqualTo("input.workIds[1]");
        assertThat(media.acceptLanguage("zh-CN").run(BULK, input(List.of(noFiles.toString()), accept))
                .errorMessage()).contains("没有可下载的文件");

        // The size cap counts the files' bytes before anything is logged.
        UUID huge = WORKS.published("超大视频", "作者", Licence.CC_BY_4_0);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into media_asset (id, work_id, owner_id, object_key, file_name, mime_type, size_bytes,
                                                 sha256, created_at)
                        values (gen_random_uuid(), ?1, ?2, ?3, 'big.mp4', 'video/mp4', 3221225472, ?4, now())""")
                .setParameter(1, huge).setParameter(2, DirectWorks.OWNER).setParameter(3, "originals/" + huge + "/big")
                .setParameter(4, "0".repeat(64)).executeUpdate());
        var tooLarge = media.run(BULK, input(List.of(published.toString(), huge.toString()), accept));
        assertThat(tooLarge.errorCode()).isEqualTo("DOWNLOAD_TOO_LARGE");
        assertThat(tooLarge.errorMessage()).contains("MB");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from download_record where work_id = ?1").setParameter(1, huge).getSingleResult())
                .longValue())).isZero();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            many.add(UUID.randomUUID().toString());
        }
        assertThat(media.run(BULK, input(many, accept)).errorCode()).isEqualTo("DOWNLOAD_TOO_LARGE");
        assertThat(media.run(BULK, input(List.of(), accept)).errorCode()).isEqualTo("VALIDATION");
    }

    /**
     * A stream holds a worker thread and a storage connection while the client reads: an outlet gets
     * {@code max-streams-per-account} at once and the instance {@code max-streams}; past either, the fetch is refused
     * at once with 429, Retry-After and a typed RATE_LIMITED body in the caller's language, and the same URL works
     * once a stream ends. The running streams are held here through {@link BulkStreams} itself (a real stream of a
     * small ZIP would end before the next request).
     */
    @Test
    void concurrentStreamsAreCappedPerOutletAndPerInstanceWithATypedAnswer() throws Exception {
        UUID published = WORKS.published("并发上限", "作者", Licence.CC_BY_4_0);
        addJpeg(published);
        GraphQL media = GraphQL.as("media1");
        String url = media.run(BULK, input(List.of(published.toString()), List.of("CC_BY_4_0"))).ok()
                .string("bulkDownload.url");
        UUID outlet = UUID.fromString(media.run("{ me { id } }").ok().string("me.id"));
        List<BulkStreams.Permit> held = new ArrayList<>();
        try {
            for (int i = 0; i < config.bulk().maxStreamsPerAccount(); i++) {
                held.add(streams.tryAcquire(outlet).permit().orElseThrow());
            }
            Response english = given().header("Accept-Language", "en").get(url);
            assertThat(english.statusCode()).isEqualTo(429);
            assertThat(english.header("Retry-After")).isEqualTo(Integer.toString(config.bulk().busyRetryAfterSeconds()));
            assertThat(english.jsonPath().getString("code")).isEqualTo("RATE_LIMITED");
            assertThat(english.jsonPath().getInt("retryAfterSeconds")).isPositive();
            assertThat(english.jsonPath().getString("message")).contains("bulk downloads streaming")
                    .contains(Integer.toString(config.bulk().maxStreamsPerAccount()));
            Response chinese = given().get(url);
            assertThat(chinese.statusCode()).isEqualTo(429);
            assertThat(chinese.jsonPath().getString("message")).contains("批量下载");

            held.forEach(BulkStreams.Permit::close);
            held.clear();
            // The instance's cap: other outlets' streams fill it.
            while (held.size() < config.bulk().maxStreams()) {
                held.add(streams.tryAcquire(UUID.randomUUID()).permit().orElseThrow());
            }
            Response busy = given().header("Accept-Language", "en").get(url);
            assertThat(busy.statusCode()).isEqualTo(429);
            assertThat(busy.jsonPath().getString("code")).isEqualTo("RATE_LIMITED");
            assertThat(busy.jsonPath().getString("message")).contains("The server is streaming");
        } finally {
            held.forEach(BulkStreams.Permit::close);
        }
        Response served = given().get(url);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(unzip(served.asByteArray())).containsKey("manifest.json");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (streams.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the server closes the permit just after the last byte
        }
        assertThat(streams.running()).as("the stream gave its place back when it ended").isZero();
    }

    private static Map<String, Object> input(List<String> workIds, List<String> licences) {
        return Map.of("input", Map.of("workIds", workIds, "acceptLicences", licences));
    }

    private long downloadsLogged(String bulkId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from download_record where bulk_download_id = ?1")
                .setParameter(1, UUID.fromString(bulkId)).getSingleResult()).longValue());
    }

    /** A small photo with a GPS position, stored as the work's verified original. */
    private static void addJpeg(UUID work) {
        WORKS.storeJpeg(work, "现场.jpg", MediaFixtures.jpegWithGps(64, 48), 64, 48);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
