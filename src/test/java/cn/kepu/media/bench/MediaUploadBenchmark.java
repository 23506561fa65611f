package cn.kepu.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.media.ImageRenderer;
import cn.kepu.media.media.MediaFixtures;
import cn.kepu.media.media.MediaStorage;
import cn.kepu.media.storage.ObjectStorage;
import cn.kepu.media.testsupport.GraphQL;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: run by {@code deploy/bench/media-upload.sh}, never by the normal build (its name does not
 * end in Test). Prints lines starting with {@code BENCH}.
 *
 * <p>1 GB through the service's presigned multipart flow (startUpload, one PUT per part, completeUpload with its
 * SHA-256 read-back and probing) against the same file put straight into the same S3 server with minio-java, both
 * with the production part size and one connection. Then verification and thumbnail time of a 40-megapixel JPEG.
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

    private static final long SIZE = Long.getLong("bench.bytes", 1L << 30);
    private static final long PART = 16L * 1024 * 1024;
    private static final int RUNS = 2;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    MinioClient minio;

    @Inject
    ObjectStorage objectStorage;

    @Inject
    MediaStorage storage;

    @Inject
    ImageRenderer renderer;

    @Inject
    cn.kepu.media.media.MediaScratch scratch;

    @Test
    void uploadThroughServiceVersusDirect() throws Exception {
        Path file = Files.createTempFile("kepu-bench", ".mp4");
        try {
            String sha256 = writeMovie(file, SIZE);
            long size = Files.size(file);

            double direct = Double.MAX_VALUE;
            double transfer = Double.MAX_VALUE;
            double complete = Double.MAX_VALUE;
            double service = Double.MAX_VALUE;
            int parts = 0;
            long partSize = 0;
            // Alternate the two ways, best of RUNS each, so neither profits from a warmer page cache or JIT.
            for (int run = 0; run < RUNS; run++) {
                String directKey = "bench/direct-" + UUID.randomUUID();
                long t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    minio.putObject(PutObjectArgs.builder().bucket(objectStorage.bucket()).object(directKey)
                            .stream(in, size, PART).contentType("video/mp4").build());
                }
                direct = Math.min(direct, seconds(t0));
                minio.removeObject(RemoveObjectArgs.builder().bucket(objectStorage.bucket()).object(directKey)
                        .build());

                String work = GraphQL.as("entrant1").run("""
                        mutation { createWork(input: {kind: SHORT_VIDEO, title: "基准", topics: ["AEROSPACE"],
                          region: BEIJING, creators: [{name: "基准"}], licence: CC_BY_4_0}) { id } }""")
                        .ok().string("createWork.id");
                long t1 = System.nanoTime();
                var session = GraphQL.as("entrant1").run("""
                        mutation($input: StartUploadInput!) { startUpload(input: $input) {
                          id partSize parts { url } } }""",
                        Map.of("input", Map.of("workId", work, "fileName", "bench.mp4", "declaredType", "video/mp4",
                                "sizeBytes", size, "sha256", sha256))).ok();
                List<String> urls = session.data("startUpload.parts.url");
                parts = urls.size();
                partSize = ((Number) session.data("startUpload.partSize")).longValue();
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    byte[] buffer = new byte[(int) partSize];
                    for (int i = 0; i < urls.size(); i++) {
                        int length = (int) Math.min(partSize, size - i * partSize);
                        raf.seek(i * partSize);
                        raf.readFully(buffer, 0, length);
                        var response = HTTP.send(HttpRequest.newBuilder(URI.create(urls.get(i)))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(buffer, 0, length)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        assertThat(response.statusCode()).isEqualTo(200);
                    }
                }
                transfer = Math.min(transfer, seconds(t1));
                long t2 = System.nanoTime();
                var asset = GraphQL.as("entrant1").run("mutation($id: ID!) { completeUpload(id: $id) { id } }",
                        Map.of("id", session.string("startUpload.id"))).ok();
                complete = Math.min(complete, seconds(t2));
                service = Math.min(service, seconds(t1));
                assertThat(asset.string("completeUpload.id")).isNotNull();
            }

            double mb = size / 1e6;
            System.out.printf("BENCH file: %.0f MB, part size %d MiB, %d parts, one connection, best of %d%n", mb,
                    partSize >> 20, parts, RUNS);
            System.out.printf("BENCH direct minio-java putObject:                 %6.1f s  %7.1f MB/s%n", direct,
                    mb / direct);
            System.out.printf("BENCH service presigned part PUTs (transfer only): %6.1f s  %7.1f MB/s%n", transfer,
                    mb / transfer);
            System.out.printf("BENCH service completeUpload (SHA-256 read-back + probe): %6.1f s%n", complete);
            System.out.printf("BENCH service end to end (start + parts + complete):  %6.1f s  %7.1f MB/s%n",
                    service, mb / service);
            System.out.printf("BENCH ratio service/direct throughput: transfer %.2f, end to end %.2f%n",
                    direct / transfer, direct / service);
        } finally {
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
        GraphQL.as("entrant1").run("mutation($id: ID!) { completeUpload(id: $id) { id width } }", Map.of("id", id))
                .ok();
        double verify = seconds(t1);
        String key = "originals/" + work + "/" + id;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t2 = System.nanoTime();
            // As the rendition worker does: the original streamed to a temporary file, rendered from there.
            try (var files = scratch.open()) {
                java.nio.file.Path original = files.file(".jpg");
                storage.download(key, original);
                renderer.render(original, "image/jpeg", 320, null, files);
            }
            best = Math.min(best, seconds(t2));
        }
        System.out.printf("BENCH 40 MP JPEG (7300x5480, %.1f MB, generated in %.1f s)%n", jpeg.length / 1e6, generate);
        System.out.printf("BENCH   completeUpload (SHA-256 + sniff + header probe): %5.0f ms%n", verify * 1000);
        System.out.printf("BENCH   thumbnail 320 px from storage (best of 3):        %5.0f ms%n", best * 1000);
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
