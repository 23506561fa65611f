package cn.kepu.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.media.ImageRenderer;
import cn.kepu.media.media.MediaFixtures;
import cn.kepu.media.media.MediaStorage;
import cn.kepu.media.media.Rendition;
import cn.kepu.media.media.RenditionStatus;
import cn.kepu.media.testsupport.Await;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Uploads;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: run by {@code deploy/bench/media-upload.sh}, never by the normal build (its name does not
 * end in Test). Prints lines starting with {@code BENCH}.
 *
 * <p>Issue 13 item 3: what a client waits for. The same file (256 MB by default) in 16 MiB parts, in interleaved
 * rounds: (a) the raw transfer, the parts PUT to presigned part URLs of the same S3 server made directly (no service
 * in between); (b) the service's flow as a client perceives it, {@code startUpload} → the part PUTs to its presigned
 * URLs → the {@code completeUpload} answer; both with the same parallelism ({@code bench.parallel}, default one
 * connection, like the web client). Medians, the ratio (b)/(a), and separately the time from the answer to the verdict
 * (verification runs as a job; the harness asks {@code uploadSession} every 20 ms). Then the same two times for a
 * 40-megapixel JPEG, and its 320 px thumbnail.
 */
@QuarkusTest
@TestProfile(MediaUploadBenchmark.ProductionPartSize.class)
class MediaUploadBenchmark {

    /** The production part size instead of the test profile's 5 MiB. */
    public static class ProductionPartSize implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kepu.media.uploads.part-size", "16777216");
        }
    }

    private static final long SIZE = Long.getLong("bench.bytes", 256L << 20);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /**
     * Rounds run first and not counted: a service runs warm, and the first calls of startUpload and completeUpload
     * (and of the part PUTs' client and server) run in the interpreter and load classes.
     */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 2);
    private static final int PARALLEL = Integer.getInteger("bench.parallel", 1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    MediaStorage storage;

    @TestHTTPResource("/graphql")
    java.net.URL graphql;

    @Inject
    ImageRenderer renderer;

    @Inject
    cn.kepu.media.media.MediaScratch scratch;

    @Test
    void clientPerceivedUploadVersusRawTransfer() throws Exception {
        Path file = Files.createTempFile("kepu-bench", ".mp4");
        ExecutorService connections = Executors.newFixedThreadPool(PARALLEL);
        try {
            String sha256 = writeMovie(file, SIZE);
            long size = Files.size(file);
            List<Double> raw = new ArrayList<>();
            List<Double> rawWithS3Complete = new ArrayList<>();
            List<Double> start = new ArrayList<>();
            List<Double> parts = new ArrayList<>();
            List<Double> answer = new ArrayList<>();
            List<Double> perceived = new ArrayList<>();
            List<Double> verdict = new ArrayList<>();
            List<Double> sign = new ArrayList<>();
            List<Double> s3Create = new ArrayList<>();
            List<Double> s3List = new ArrayList<>();
            List<Double> s3Complete = new ArrayList<>();
            PhaseProfile profile = PhaseProfile.startIfAsked();
            long partSize = 0;
            int partCount = 0;
            String load = loadAverage();
            List<List<Double>> counted = List.of(raw, rawWithS3Complete, start, parts, answer, perceived, verdict,
                    sign, s3Create, s3List, s3Complete);
            // Interleaved, the order swapped each round, so neither way profits from a warmer page cache or JIT. The
            // warm-up rounds (negative) run the same way; what they measured is dropped before the first counted one.
            for (int round = -WARMUP; round < ROUNDS; round++) {
                boolean measured = round >= 0;
                if (round == 0) {
                    counted.forEach(List::clear);
                }
                // The work the service's way uploads to, made before either way runs: creating it is not part of
                // an upload, and its indexing (woken on commit) ran beside the first part PUTs of the service's way
                // only, on the same two cores as the S3 server.
                String work = GraphQL.as("entrant1").run("""
                        mutation { createWork(input: {kind: SHORT_VIDEO, title: "基准", topics: ["AEROSPACE"],
                          region: BEIJING, creators: [{name: "基准"}], licence: CC_BY_4_0}) { id } }""")
                        .ok().string("createWork.id");
                awaitSearchOutboxDrained();
                for (int way = 0; way < 2; way++) {
                    if (Math.floorMod(way + round, 2) == 0) {
                        String key = "bench/raw-" + UUID.randomUUID();
                        long creating = System.nanoTime();
                        String uploadId = storage.createMultipart(key);
                        s3Create.add(seconds(creating));
                        long partBytes = 16L << 20;
                        int n = (int) ((size + partBytes - 1) / partBytes);
                        List<String> urls = new ArrayList<>();
                        long signing = System.nanoTime();
                        for (int i = 1; i <= n; i++) {
                            urls.add(storage.presignPart(key, uploadId, i, Duration.ofHours(1)));
                        }
                        sign.add(seconds(signing));
                        long t0 = System.nanoTime();
                        putParts(connections, file, size, partBytes, urls);
                        raw.add(seconds(t0));
                        long listing = System.nanoTime();
                        var stored = storage.listParts(key, uploadId);
                        s3List.add(seconds(listing));
                        long completing = System.nanoTime();
                        storage.completeMultipart(key, uploadId, stored);
                        s3Complete.add(seconds(completing));
                        rawWithS3Complete.add(seconds(t0));
                        storage.remove(key);
                    } else {
                        String token = token("entrant1");
                        long t0 = System.nanoTime();
                        PhaseProfile.ClientCall starting = profile.begin("startUpload");
                        JsonObject started0 = call(token, """
                                mutation($input: StartUploadInput!) { startUpload(input: $input) {
                                  id partSize parts { url } } }""",
                                new JsonObject().put("input", new JsonObject().put("workId", work)
                                        .put("fileName", "bench.mp4").put("declaredType", "video/mp4")
                                        .put("sizeBytes", size).put("sha256", sha256)))
                                .getJsonObject("startUpload");
                        double started = seconds(t0);
                        if (measured) {
                            starting.commit();
                        }
                        List<String> urls = started0.getJsonArray("parts").stream()
                                .map(p -> ((JsonObject) p).getString("url")).toList();
                        partSize = started0.getLong("partSize");
                        partCount = urls.size();
                        long t1 = System.nanoTime();
                        List<String> etags = putParts(connections, file, size, partSize, urls);
                        double sent = seconds(t1);
                        // The parts as S3 answered their PUTs, as a client passes them on (S3's own
                        // CompleteMultipartUpload takes the same list).
                        io.vertx.core.json.JsonArray stored = new io.vertx.core.json.JsonArray();
                        for (int i = 0; i < etags.size(); i++) {
                            stored.add(new JsonObject().put("partNumber", i + 1).put("etag", etags.get(i)));
                        }
                        String id = started0.getString("id");
                        long t2 = System.nanoTime();
                        PhaseProfile.ClientCall completing = profile.begin("completeUpload");
                        String answeredStatus = call(token, "mutation($id: ID!, $parts: [CompletedPartInput]) {"
                                + " completeUpload(id: $id, parts: $parts) { id status } }",
                                new JsonObject().put("id", id).put("parts", stored))
                                .getJsonObject("completeUpload").getString("status");
                        double answered = seconds(t2);
                        if (measured) {
                            completing.commit();
                        }
                        assertThat(answeredStatus).isEqualTo("VERIFYING");
                        perceived.add(seconds(t0));
                        long t3 = System.nanoTime();
                        String status = awaitVerdict(id);
                        verdict.add(seconds(t3));
                        assertThat(status).isEqualTo("COMPLETED");
                        start.add(started);
                        parts.add(sent);
                        answer.add(answered);
                        // Renditions of the accepted file (ffmpeg) must not overlap the next round's transfer.
                        awaitRenditionsSettled();
                    }
                }
            }
            double mb = size / 1e6;
            System.out.printf("BENCH file: %.0f MB (%d bytes), %d parts of %d MiB, %d connection(s), median of %d"
                    + " interleaved rounds after %d not counted (warm-up); load average before: %s, after: %s%n", mb,
                    size, partCount, partSize >> 20, PARALLEL, ROUNDS, WARMUP, load, loadAverage());
            System.out.printf("BENCH raw transfer (part PUTs to presigned part URLs, no service): %6.2f s %7.1f MB/s%n",
                    median(raw), mb / median(raw));
            System.out.printf("BENCH   (raw + S3 CompleteMultipartUpload, for reference):       %6.2f s%n",
                    median(rawWithS3Complete));
            System.out.printf("BENCH client-perceived (startUpload + part PUTs + completeUpload answer): %6.2f s"
                    + "  [start %.3f s, parts %.2f s, complete answer %.3f s]%n", median(perceived), median(start),
                    median(parts), median(answer));
            System.out.printf("BENCH ratio client-perceived / raw transfer: %.3f (goal <= 1.05)%n",
                    median(perceived) / median(raw));
            System.out.printf("BENCH time to verdict after the answer (multipart completion + SHA-256 read-back +"
                    + " probe, a job): %6.2f s%n", median(verdict));
            System.out.printf("BENCH signing the part URLs in the service's presigner (all %d, median): %.2f ms%n",
                    partCount, median(sign) * 1000);
            System.out.printf("BENCH rounds raw %s, perceived %s, verdict %s%n", rounded(raw), rounded(perceived),
                    rounded(verdict));
            System.out.printf("BENCH S3 server alone (the service's client, medians): CreateMultipartUpload %.1f ms,"
                    + " ListParts (%d parts) %.1f ms, CompleteMultipartUpload %.1f ms%n", median(s3Create) * 1000,
                    partCount, median(s3List) * 1000, median(s3Complete) * 1000);
            profile.print();
        } finally {
            connections.shutdownNow();
            Files.deleteIfExists(file);
        }
    }

    @Test
    void fortyMegapixelJpegVerificationAndThumbnail() throws Exception {
        long t0 = System.nanoTime();
        byte[] jpeg = noisyPhoto(7300, 5480);
        double generate = seconds(t0);
        String work = GraphQL.as("entrant1").run("""
                mutation { createWork(input: {kind: PHOTO, title: "基准", topics: ["AEROSPACE"],
                  region: BEIJING, creators: [{name: "基准"}], licence: CC_BY_4_0}) { id } }""")
                .ok().string("createWork.id");
        var session = GraphQL.as("entrant1").run("""
                mutation($input: StartUploadInput!) { startUpload(input: $input) { id url } }""",
                Map.of("input", Map.of("workId", work, "fileName", "40mp.jpg", "declaredType", "image/jpeg",
                        "sizeBytes", jpeg.length, "sha256", MediaFixtures.sha256(jpeg)))).ok();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(session.string("startUpload.url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(200);
        String id = session.string("startUpload.id");
        long t1 = System.nanoTime();
        Uploads.complete(GraphQL.as("entrant1"), id);
        double answer = seconds(t1);
        long t2 = System.nanoTime();
        assertThat(awaitVerdict(id)).isEqualTo("COMPLETED");
        double verdict = seconds(t2);
        String key = "originals/" + work + "/" + id;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t3 = System.nanoTime();
            // As the rendition worker does: the original streamed to a temporary file, rendered from there.
            try (var files = scratch.open()) {
                java.nio.file.Path original = files.file(".jpg");
                storage.download(key, original);
                renderer.render(original, "image/jpeg", 320, null, files);
            }
            best = Math.min(best, seconds(t3));
        }
        System.out.printf("BENCH 40 MP JPEG (7300x5480, %.1f MB, generated in %.1f s)%n", jpeg.length / 1e6, generate);
        System.out.printf("BENCH   completeUpload answer:                              %5.0f ms%n", answer * 1000);
        System.out.printf("BENCH   verdict after the answer (SHA-256 + sniff + header probe): %5.0f ms%n",
                verdict * 1000);
        System.out.printf("BENCH   thumbnail 320 px from storage (best of 3):        %5.0f ms%n", best * 1000);
    }

    /** A bearer token of a demo account (fetched outside the timed calls). */
    private static String token(String login) {
        return RestAssured.given().get("/dev/token/" + login).then().statusCode(200).extract().asString();
    }

    /**
     * One GraphQL call with the same HTTP client as the part PUTs, the way a browser's fetch costs the client next to
     * nothing: the timed figure is the service's answer, not a test library's request building and JSON paths.
     */
    private JsonObject call(String token, String query, JsonObject variables) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(graphql.toURI())
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("query", query)
                        .put("variables", variables).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonObject answer = new JsonObject(response.body());
        assertThat(answer.getJsonArray("errors")).as(response.body()).isNull();
        return answer.getJsonObject("data");
    }

    /**
     * PUTs the file's parts to their URLs, {@link #PARALLEL} at a time, each part read from the file by its task;
     * returns the parts' ETags as S3 answered them.
     */
    private static List<String> putParts(ExecutorService connections, Path file, long size, long partSize,
            List<String> urls) throws Exception {
        List<Future<String>> puts = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            int index = i;
            puts.add(connections.submit(() -> {
                int length = (int) Math.min(partSize, size - index * partSize);
                byte[] buffer = new byte[length];
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    raf.seek(index * partSize);
                    raf.readFully(buffer);
                }
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(urls.get(index)))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(buffer)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(answer.statusCode()).isEqualTo(200);
                return answer.headers().firstValue("ETag").orElseThrow();
            }));
        }
        List<String> etags = new ArrayList<>();
        for (Future<String> put : puts) {
            etags.add(put.get());
        }
        return etags;
    }

    /** Asks for the session every 20 ms (the verdict's time is measured) until it has its verdict; returns the status. */
    private static String awaitVerdict(String id) {
        return Uploads.awaitVerdict(GraphQL.as("entrant1"), id, "", Duration.ofMinutes(10), Duration.ofMillis(20))
                .string("uploadSession.status");
    }

    private static void awaitSearchOutboxDrained() {
        Await.until("search outbox drained", () -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery("select count(*) from search_outbox").getSingleResult()).longValue()) == 0);
    }

    private static void awaitRenditionsSettled() {
        Await.until("renditions settle", () -> QuarkusTransaction.requiringNew()
                .call(() -> Rendition.count("status", RenditionStatus.PENDING)) == 0, Boolean::booleanValue,
                Duration.ofMinutes(10), Duration.ofMillis(100));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).toList().toString();
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** A gradient with sensor-like noise: compresses like a real photo (a flat gradient would be under 1 MB). */
    private static byte[] noisyPhoto(int width, int height) throws Exception {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var random = new Random(3);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = random.nextInt(24);
                int r = Math.min(255, x * 200 / width + n);
                int g = Math.min(255, y * 200 / height + n);
                int b = Math.min(255, 120 + n);
                row[x] = (r << 16) | (g << 8) | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** A valid MP4 (ftyp, moov, mdat) of about {@code size} bytes with incompressible media data; returns its SHA-256. */
    private static String writeMovie(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        new Random(7).nextBytes(block);
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20),
                digest)) {
            long media = size - 2048;
            MediaFixtures.writeMovieHeader(out, false, 1920, 1080, 60, 25, media);
            for (long written = 0; written < media; written += block.length) {
                block[0]++;
                out.write(block, 0, (int) Math.min(block.length, media - written));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
