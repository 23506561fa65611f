package cn.kepu.media.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outlet copies of large files against a running service (issue 13 item 5, deploy/bench/copy-memory.sh): an entrant
 * uploads each file through the presigned (multipart) flow, the work is published (set in the database: moderation is
 * another feature's), and a media outlet asks for its download link, which makes the distribution copy inside that
 * request, then fetches it. The service's RSS is sampled every 50 ms throughout; printed: per file its size, the time
 * to make the copy, the copy's size, and the peak RSS while it was made and fetched.
 *
 * <pre>
 * java -cp &lt;test class path&gt; CopyMemory.java --url http://127.0.0.1:18140/graphql --key .local-stack/jwt/private.pem
 *   --jdbc jdbc:postgresql://127.0.0.1:5432/db --pid 1234 --file POSTER:poster.png:image/png
 *   --file SHORT_VIDEO:clip.mp4:video/mp4
 * </pre>
 */
public final class CopyMemory {

    private record Upload(String kind, Path file, String type) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<Upload> uploads = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--file")) {
                String[] parts = args[i + 1].split(":", 3);
                uploads.add(new Upload(parts[0], Path.of(parts[1]), parts[2]));
            } else {
                options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
        }
        BenchClient client = new BenchClient(URI.create(options.get("url")), Path.of(options.get("key")),
                options.getOrDefault("issuer", "https://kepu.local/dev"));
        client.requestTimeout(Duration.ofMinutes(10));
        long pid = Long.parseLong(options.get("pid"));
        String run = UUID.randomUUID().toString().substring(0, 6);
        String entrant = client.account("copy-entrant-" + run, "ENTRANT", "参赛单位");
        String media = client.token("copy-media-" + run, "MEDIA");
        client.call(media, "mutation($input: RegisterInput!) { register(input: $input) { id } }", Map.of("input",
                Map.of("displayName", "copy-media-" + run, "organization", "科技日报社", "organizationType",
                        "MEDIA_OUTLET", "region", "BEIJING"))).ok();

        Sampler sampler = new Sampler(pid);
        Thread.ofPlatform().daemon().start(sampler);
        System.out.printf(Locale.ROOT, "%-12s %10s %12s %12s %10s %14s%n", "file", "MiB", "upload s", "copy s",
                "copy MiB", "peak RSS MiB");
        for (Upload upload : uploads) {
            long started = System.nanoTime();
            String work = client.createWork(entrant, upload.kind(), "大文件 " + upload.file().getFileName());
            String asset = upload(client, entrant, work, upload);
            double uploadSeconds = (System.nanoTime() - started) / 1e9;
            try (Connection db = DriverManager.getConnection(options.get("jdbc"), "postgres", "postgres");
                    PreparedStatement publish = db.prepareStatement(
                            "update work set status = 'PUBLISHED', published_at = now() where id = ?")) {
                publish.setObject(1, UUID.fromString(work));
                publish.executeUpdate();
            }
            sampler.reset();
            long copyStart = System.nanoTime();
            String query = "mutation($id: ID!) { downloadUrl(assetId: $id, acceptLicence: CC_BY_4_0) { url } }";
            BenchClient.Answer link = client.call(media, query, Map.of("id", asset));
            if (link.error() != null && link.error().contains("QUERY_TIMEOUT")) {
                // The copy was made and kept; the request ran past the GraphQL time budget before answering.
                System.out.println("  (first request: " + link.error().lines().findFirst().orElse("")
                        + "; asked again)");
                link = client.call(media, query, Map.of("id", asset));
            }
            String url = link.ok().path("downloadUrl").path("url").asText();
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            long copyBytes;
            try (InputStream body = client.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body()) {
                copyBytes = body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            System.out.printf(Locale.ROOT, "%-12s %10.1f %12.1f %12.1f %10.1f %14d%n", upload.kind(),
                    Files.size(upload.file()) / 1048576.0, uploadSeconds, copySeconds, copyBytes / 1048576.0,
                    sampler.peakMiB());
        }
        System.out.printf(Locale.ROOT, "service RSS now %d MiB, its high-water mark since start (VmHWM) %d MiB%n",
                Sampler.read(pid, "VmRSS:") / 1024, Sampler.read(pid, "VmHWM:") / 1024);
    }

    /** Start, PUT the file (whole, or part by part from the file), complete; returns the asset id. */
    private static String upload(BenchClient client, String token, String work, Upload upload) throws Exception {
        long size = Files.size(upload.file());
        JsonNode session = client.call(token, "mutation($input: StartUploadInput!) { startUpload(input: $input) {"
                + " id url partSize parts { partNumber url } } }", Map.of("input", Map.of("workId", work,
                "fileName", upload.file().getFileName().toString(), "declaredType", upload.type(), "sizeBytes", size,
                "sha256", sha256(upload.file())))).ok().path("startUpload");
        if (!session.path("url").isNull() && !session.path("url").asText().isEmpty()) {
            put(client, session.path("url").asText(), upload.file(), 0, size);
        } else {
            long partSize = session.path("partSize").asLong();
            for (JsonNode part : session.path("parts")) {
                long from = (part.path("partNumber").asLong() - 1) * partSize;
                put(client, part.path("url").asText(), upload.file(), from, Math.min(partSize, size - from));
            }
        }
        String id = client.call(token, "mutation($id: ID!) { completeUpload(id: $id) { id } }",
                Map.of("id", session.path("id").asText())).ok().path("completeUpload").path("id").asText();
        // completeUpload answers VERIFYING; the accepted file (same id as its session) exists after the verdict.
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            String status = client.call(token, "query($id: ID!) { uploadSession(id: $id) { status } }",
                    Map.of("id", id)).ok().path("uploadSession").path("status").asText();
            if (status.equals("COMPLETED")) {
                return id;
            }
            if (!status.equals("VERIFYING") || System.nanoTime() > deadline) {
                throw new IllegalStateException("upload " + id + " " + status);
            }
            Thread.sleep(200);
        }
    }

    private static void put(BenchClient client, String url, Path file, long from, long length) throws Exception {
        byte[] bytes = new byte[Math.toIntExact(length)];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(from);
            in.readFully(bytes);
        }
        int status = client.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("PUT " + status);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The service's resident set, sampled every 50 ms; the peak since the last reset. */
    private static final class Sampler implements Runnable {
        private final long pid;
        private final AtomicLong peakKib = new AtomicLong();

        Sampler(long pid) {
            this.pid = pid;
        }

        void reset() {
            peakKib.set(read(pid, "VmRSS:"));
        }

        long peakMiB() {
            return peakKib.get() / 1024;
        }

        @Override
        public void run() {
            while (true) {
                long rss = read(pid, "VmRSS:");
                peakKib.accumulateAndGet(rss, Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        static long read(long pid, String field) {
            try {
                return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                        .filter(l -> l.startsWith(field)).map(l -> l.replaceAll("\\D", ""))
                        .mapToLong(Long::parseLong).findFirst().orElse(-1);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the service (pid " + pid + ") is gone", e);
            }
        }
    }
}
