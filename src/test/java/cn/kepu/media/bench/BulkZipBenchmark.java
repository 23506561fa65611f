package cn.kepu.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.identity.Region;
import cn.kepu.media.media.MediaStorage;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.Creator;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: run by {@code deploy/bench/bulk-zip.sh}, never by the normal build (its name does not end in
 * Test). Prints lines starting with {@code BENCH}.
 *
 * <p>Streams a bulk download of {@code bench.works} works × {@code bench.fileBytes} bytes (default 100 × 10 MiB =
 * 1 GiB) through the service's ZIP endpoint and reads it as a client would, checking every entry. At 0, 25, 50, 75
 * and 100 % of the bytes it forces a GC and prints the live heap and the process RSS: with streaming they stay flat
 * whatever the size of the set. The service runs in this JVM (QuarkusTest), so the figures are the service's plus the
 * reading client's, which holds one 64 KiB buffer. The distribution copies are seeded as stored objects, so the run
 * measures the ZIP stream, not copy making.
 */
@QuarkusTest
class BulkZipBenchmark {

    private static final int WORKS = Integer.getInteger("bench.works", 100);
    private static final int FILE_BYTES = Integer.getInteger("bench.fileBytes", 10 << 20);

    @Inject
    MediaStorage storage;

    @Inject
    EntityManager em;

    @Test
    void bulkZipStreamsWithFlatMemory() throws Exception {
        List<UUID> works = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Path file = Files.createTempFile("kepu-bulk-bench", ".mp4");
        try {
            byte[] bytes = new byte[FILE_BYTES];
            new Random(7).nextBytes(bytes);
            Files.write(file, bytes);
            bytes = null;
            long seedStart = System.nanoTime();
            for (int i = 0; i < WORKS; i++) {
                UUID work = seedWork(i, file, keys);
                works.add(work);
            }
            System.out.printf("BENCH seeded %d works x %d MiB in %.1f s%n", WORKS, FILE_BYTES >> 20,
                    (System.nanoTime() - seedStart) / 1e9);

            var plan = GraphQL.as("media1").run("""
                    mutation($input: BulkDownloadInput!) { bulkDownload(input: $input) { url fileCount totalBytes } }""",
                    Map.of("input", Map.of("workIds", works.stream().map(UUID::toString).toList(),
                            "acceptLicences", List.of("CC_BY_4_0")))).ok();
            assertThat(plan.<Integer>data("bulkDownload.fileCount")).isEqualTo(WORKS);
            String url = RestAssured.baseURI + ":" + RestAssured.port + plan.string("bulkDownload.url");

            long total = (long) WORKS * FILE_BYTES;
            Sample start = sample();
            System.out.printf("BENCH   0%%: live heap %4d MiB, RSS %4d MiB%n", start.heapMiB(), start.rssMiB());
            long began = System.nanoTime();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            long read = 0;
            int entries = 0;
            int nextMark = 1;
            long maxRss = start.rssMiB();
            long maxHeap = start.heapMiB();
            byte[] buffer = new byte[64 * 1024];
            try (ZipInputStream zip = new ZipInputStream(response.body())) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    entries++;
                    long entryBytes = 0;
                    int n;
                    while ((n = zip.read(buffer)) >= 0) {
                        entryBytes += n;
                        read += n;
                        if (nextMark <= 4 && read >= total * nextMark / 4) {
                            Sample s = sample();
                            maxRss = Math.max(maxRss, s.rssMiB());
                            maxHeap = Math.max(maxHeap, s.heapMiB());
                            System.out.printf("BENCH %3d%%: live heap %4d MiB, RSS %4d MiB%n", nextMark * 25,
                                    s.heapMiB(), s.rssMiB());
                            nextMark++;
                        }
                    }
                    if (entry.getName().endsWith(".mp4")) {
                        assertThat(entryBytes).as(entry.getName()).isEqualTo(FILE_BYTES);
                    }
                }
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            assertThat(entries).isEqualTo(WORKS + 2);
            System.out.printf("BENCH streamed %d entries, %.0f MiB of files in %.1f s (%.0f MiB/s)%n", entries,
                    read / 1048576.0, seconds, read / 1048576.0 / seconds);
            System.out.printf("BENCH live heap start %d MiB, max %d MiB; RSS start %d MiB, max %d MiB; max heap %d MiB%n",
                    start.heapMiB(), maxHeap, start.rssMiB(), maxRss,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            Files.deleteIfExists(file);
            keys.forEach(storage::remove);
            if (!works.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> Work.delete("id in ?1", works));
            }
        }
    }

    private UUID seedWork(int i, Path file, List<String> keys) {
        UUID asset = UUID.randomUUID();
        String original = "originals/bench/" + asset;
        String copy = "distribution/bench-" + asset + ".mp4";
        // Only the copy is read by a bulk download; the original row needs no object.
        storage.put(copy, file, "video/mp4");
        keys.add(copy);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return QuarkusTransaction.requiringNew().call(() -> {
            Work work = new Work();
            work.id = UUID.randomUUID();
            work.ownerId = UUID.nameUUIDFromBytes("demo-account:entrant1".getBytes());
            work.kind = WorkKind.SHORT_VIDEO;
            work.title = "批量基准 " + i;
            work.description = "";
            work.topicCodes.add("GENERAL_SCIENCE");
            work.creators.add(new Creator("基准作者", null, null, null));
            work.region = Region.BEIJING;
            work.creditLine = "基准作者";
            work.licence = Licence.CC_BY_4_0;
            work.status = WorkStatus.PUBLISHED;
            work.publishedAt = now.minusSeconds(60);
            work.createdAt = now;
            work.updatedAt = now;
            work.persist();
            em.flush();
            em.createNativeQuery("""
                            insert into media_asset (id, work_id, owner_id, object_key, file_name, mime_type,
                                                     size_bytes, sha256, created_at)
                            values (?1, ?2, ?3, ?4, 'bench.mp4', 'video/mp4', ?5, ?6, now())""")
                    .setParameter(1, asset).setParameter(2, work.id).setParameter(3, work.ownerId)
                    .setParameter(4, original).setParameter(5, (long) FILE_BYTES).setParameter(6, "0".repeat(64))
                    .executeUpdate();
            em.createNativeQuery("""
                            insert into distribution_copy (asset_id, object_key, content_type, extension, credit_line,
                                                           licence, sha256, size_bytes, created_at)
                            values (?1, ?2, 'video/mp4', 'mp4', ?3, 'CC_BY_4_0', ?4, ?5, now())""")
                    .setParameter(1, asset).setParameter(2, copy).setParameter(3, work.creditLine)
                    .setParameter(4, "0".repeat(64)).setParameter(5, (long) FILE_BYTES).executeUpdate();
            return work.id;
        });
    }

    private record Sample(long heapMiB, long rssMiB) {
    }

    private static Sample sample() throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        }
        return new Sample(heap, rss);
    }
}
