package cn.kepu.media.media;

import static cn.kepu.media.media.MediaUploadTest.complete;
import static cn.kepu.media.media.MediaUploadTest.createWork;
import static cn.kepu.media.media.MediaUploadTest.put;
import static cn.kepu.media.media.MediaUploadTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Await;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.GraphQLWs;
import cn.kepu.media.testsupport.Uploads;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3: {@code completeUpload} answers before the bytes are read back, and verification is a job the owner
 * watches. Crashes are simulated by writing a claim into the database as a dead instance would have left it; a second
 * instance is a second {@link UploadVerifier} over the same database and store.
 */
@QuarkusTest
class UploadVerificationTest {

    @Inject
    UploadVerifier verifier;

    @Inject
    VerificationProbe probe;

    @Inject
    MediaStorage storage;

    @Inject
    MediaInspector inspector;

    @Inject
    MediaConfig config;

    @Inject
    RenditionWorker renditions;

    @Inject
    UploadEvents events;

    @Inject
    Event<UploadVerifier.Verifying> verifying;

    @Inject
    Clock clock;

    @Test
    void theAnswerIsVerifyingBeforeTheBytesAreReadBack() {
        String work = createWork("entrant1", "PHOTO");
        String id = uploaded(work, "held.jpg", MediaFixtures.jpeg(1200, 1000));
        probe.hold(UUID.fromString(id));
        try {
            var answer = complete("entrant1", id).ok();
            assertThat(answer.string("completeUpload.status")).isEqualTo("VERIFYING");
            // Held before the read-back: the client has its answer, the session is still being verified.
            Await.until("verification starts", () -> probe.started(UUID.fromString(id)) == 1);
            var meanwhile = GraphQL.as("entrant1").run("query($id: ID!) { uploadSession(id: $id) { status asset { id } } }",
                    Map.of("id", id)).ok();
            assertThat(meanwhile.string("uploadSession.status")).isEqualTo("VERIFYING");
            assertThat(meanwhile.<Object>data("uploadSession.asset")).isNull();
        } finally {
            probe.release(UUID.fromString(id));
        }
        var verdict = Uploads.awaitVerdict(GraphQL.as("entrant1"), id, "asset { id width height }");
        assertThat(verdict.string("uploadSession.status")).isEqualTo("COMPLETED");
        assertThat(verdict.string("uploadSession.asset.id")).isEqualTo(id);
        assertThat(verdict.<Integer>data("uploadSession.asset.width")).isEqualTo(1200);
        assertThat(probe.started(UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void theOwnerWatchesAnAcceptanceLive() throws Exception {
        String work = createWork("entrant1", "PHOTO");
        String id = uploaded(work, "live.jpg", MediaFixtures.jpeg(1200, 1000));
        try (GraphQLWs ws = GraphQLWs.connect("entrant1")) {
            ws.subscribe(WATCH, Map.of("id", id));
            assertThat(next(ws).getString("status")).as("the state at once").isEqualTo("OPEN");
            JsonPath verdict = completeWatched(ws, id);
            assertThat(verdict.getString("status")).isEqualTo("COMPLETED");
            assertThat(verdict.getString("asset.id")).isEqualTo(id);
            assertThat(verdict.getInt("asset.width")).isEqualTo(1200);
            // The verdict is the last word: the stream ends.
            assertThat(ws.next(Duration.ofSeconds(5)).getString("type")).isEqualTo("complete");
        }
        // Someone else may not watch it.
        try (GraphQLWs ws = GraphQLWs.connect("entrant2")) {
            ws.subscribe(WATCH, Map.of("id", id));
            JsonPath refused = ws.next(Duration.ofSeconds(5));
            assertThat(refused.getString("error".equals(refused.getString("type")) ? "payload[0].extensions.code"
                    : "payload.errors[0].extensions.code")).as(refused.prettify()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void theOwnerWatchesARejectionLiveInTheirLanguage() throws Exception {
        String work = createWork("entrant1", "PHOTO");
        byte[] png = MediaFixtures.png(1200, 1200);
        var session = start("entrant1", work, "photo.jpg", "image/jpeg", png).ok();
        String id = session.string("startUpload.id");
        assertThat(put(session.string("startUpload.url"), png)).isEqualTo(200);
        try (GraphQLWs ws = GraphQLWs.connect("entrant1", Map.of(), "{\"locale\": \"en\"}")) {
            ws.subscribe(WATCH, Map.of("id", id));
            assertThat(next(ws).getString("status")).isEqualTo("OPEN");
            JsonPath verdict = completeWatched(ws, id);
            assertThat(verdict.getString("status")).isEqualTo("REJECTED");
            assertThat(verdict.getString("rejection")).isEqualTo("TYPE_MISMATCH");
            assertThat(verdict.<Object>get("asset")).isNull();
            assertThat(verdict.getString("rejectionMessage")).isNotBlank().doesNotContainPattern("\\p{IsHan}");
        }
        assertThat(storage.stat("originals/" + work + "/" + id)).as("a rejected file is deleted").isEmpty();
        String chinese = GraphQL.as("entrant1").run("query($id: ID!) { uploadSession(id: $id) { rejectionMessage } }",
                Map.of("id", id)).ok().string("uploadSession.rejectionMessage");
        assertThat(chinese).containsPattern("\\p{IsHan}");
    }

    @Test
    void aClaimWhoseLeaseRanOutIsVerifiedAgainByTheSweeper() {
        String work = createWork("entrant1", "PHOTO");
        String crashed = uploaded(work, "crashed.jpg", MediaFixtures.jpeg(1200, 1000));
        String alive = uploaded(work, "alive.jpg", MediaFixtures.jpeg(1200, 1000));
        // An instance claimed both and died; one lease has run out, the other instance's is still running.
        claimedByAnotherInstance(crashed, Instant.now().minusSeconds(1), 1);
        claimedByAnotherInstance(alive, Instant.now().plus(Duration.ofMinutes(5)), 1);

        assertThat(verifier.sweep()).extracting(UploadVerifier.Claim::uploadId).doesNotContain(UUID.fromString(alive));

        var verdict = Uploads.awaitVerdict(GraphQL.as("entrant1"), crashed, "asset { id }");
        assertThat(verdict.string("uploadSession.status")).isEqualTo("COMPLETED");
        assertThat(session(crashed).verifyAttempts).isEqualTo(2);
        assertThat(session(crashed).verifyClaim).isNull();
        assertThat(probe.started(UUID.fromString(crashed))).isEqualTo(1);
        assertThat(session(alive).status).as("a live claim is left alone").isEqualTo(UploadStatus.VERIFYING);
        assertThat(probe.started(UUID.fromString(alive))).isZero();
        // Its instance "comes back" and finishes: let the lease run out so this one does.
        claimedByAnotherInstance(alive, Instant.now().minusSeconds(1), 1);
        verifier.sweep();
        assertThat(Uploads.awaitVerdict(GraphQL.as("entrant1"), alive, "").string("uploadSession.status"))
                .isEqualTo("COMPLETED");
    }

    @Test
    void twoInstancesSweepingAtOnceNeverVerifyOneSessionTwice() throws Exception {
        String work = createWork("entrant1", "PHOTO");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(uploaded(work, "race-" + i + ".jpg", MediaFixtures.jpeg(1200, 1000 + i)));
        }
        ids.forEach(id -> claimedByAnotherInstance(id, Instant.now().minusSeconds(1), 1));
        // A second instance: its own verifier (own workers, own claims) over the same database and store.
        UploadVerifier other = new UploadVerifier(storage, inspector, config, renditions, events, verifying, clock);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            while (ids.stream().anyMatch(id -> session(id).status == UploadStatus.VERIFYING)) {
                CountDownLatch go = new CountDownLatch(1);
                List<Callable<List<UploadVerifier.Claim>>> sweeps = List.of(() -> {
                    go.await();
                    return verifier.sweep();
                }, () -> {
                    go.await();
                    return other.sweep();
                });
                List<Future<List<UploadVerifier.Claim>>> running = new ArrayList<>();
                sweeps.forEach(s -> running.add(both.submit(s)));
                go.countDown();
                List<UUID> claimed = new ArrayList<>();
                for (var sweep : running) {
                    sweep.get().forEach(c -> claimed.add(c.uploadId()));
                }
                assertThat(claimed).as("one claim per session per round").doesNotHaveDuplicates();
                if (claimed.isEmpty()) {
                    // This instance's own sweeper (woken by a full sweep) took the round: let it finish.
                    Thread.sleep(100);
                }
                Await.until("claimed sessions settle", () -> claimed.stream()
                        .allMatch(c -> session(c.toString()).status != UploadStatus.VERIFYING));
            }
        } finally {
            both.shutdownNow();
            other.stop(null);
        }
        for (String id : ids) {
            assertThat(session(id).status).isEqualTo(UploadStatus.COMPLETED);
            assertThat(probe.started(UUID.fromString(id))).as("verifications of %s", id).isEqualTo(1);
            assertThat(session(id).verifyAttempts).isEqualTo(2);
        }
    }

    @Test
    void missingPartsAreAConflictAndTheUploadStaysOpen() {
        MediaUploadTest.Multipart upload = MediaUploadTest.startMultipartMp4("parts.mp4", 640, 360, 2);
        String id = upload.id();
        assertThat(put(upload.urls().get(0), upload.part(1))).isEqualTo(200);

        var refused = complete("entrant1", id);
        assertThat(refused.errorCode()).isEqualTo("CONFLICT");
        assertThat(refused.errorMessage()).contains("[2, 3]");
        assertThat(session(id).status).isEqualTo(UploadStatus.OPEN);
        assertThat(probe.started(UUID.fromString(id))).isZero();
        // Nothing stored at all for a single-request upload: the same.
        String single = start("entrant1", createWork("entrant1", "PHOTO"), "none.jpg", "image/jpeg",
                MediaFixtures.jpeg(1200, 1000)).ok().string("startUpload.id");
        assertThat(complete("entrant1", single).errorCode()).isEqualTo("CONFLICT");
        assertThat(session(single).status).isEqualTo(UploadStatus.OPEN);
    }

    @Test
    void partsNamedWithTheirETagsCompleteAtOnceAndOneNotStoredReopensTheUpload() {
        MediaUploadTest.Multipart upload = MediaUploadTest.startMultipartMp4("etags.mp4", 640, 360, 2);
        String id = upload.id();
        List<String> urls = upload.urls();
        assertThat(urls).hasSize(3);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            parts.add(Map.of("partNumber", n, "etag", putPart(urls.get(n - 1), upload.part(n))));
        }

        var unnamed = completeWith(id, parts);
        assertThat(unnamed.errorCode()).as("a planned part not named").isEqualTo("CONFLICT");
        assertThat(unnamed.errorMessage()).contains("[3]");
        assertThat(session(id).status).isEqualTo(UploadStatus.OPEN);

        // Named, but never stored: the answer does not ask the store; the verification finds it missing.
        parts.add(Map.of("partNumber", 3, "etag", "\"0123456789abcdef0123456789abcdef\""));
        assertThat(completeWith(id, parts).ok().string("completeUpload.status")).isEqualTo("VERIFYING");
        Await.until("the upload is back to OPEN", () -> session(id).status == UploadStatus.OPEN);
        String reopened = GraphQL.as("entrant1").acceptLanguage("en").run(
                "query($id: ID!) { uploadSession(id: $id) { status rejectionMessage } }", Map.of("id", id)).ok()
                .string("uploadSession.rejectionMessage");
        assertThat(reopened).contains("[3]");

        parts.set(2, Map.of("partNumber", 3, "etag", putPart(urls.get(2), upload.part(3))));
        assertThat(completeWith(id, parts).ok().string("completeUpload.status")).isEqualTo("VERIFYING");
        var verdict = Uploads.awaitVerdict(GraphQL.as("entrant1"), id, "asset { id }");
        assertThat(verdict.string("uploadSession.status")).as(verdict.string("uploadSession.rejectionMessage"))
                .isEqualTo("COMPLETED");
        assertThat(verdict.string("uploadSession.rejectionMessage")).isNull();
    }

    @Test
    void aFailingAttemptIsRetriedLaterAndTheLastEndsFailedWithTheReason() {
        String work = createWork("entrant1", "PHOTO");
        // Started but never sent: every read of the object fails, as with a store that is down.
        String id = start("entrant1", work, "lost.jpg", "image/jpeg", MediaFixtures.jpeg(1200, 1000)).ok()
                .string("startUpload.id");
        claimedByAnotherInstance(id, Instant.now().minusSeconds(1), 1);
        verifier.sweep();
        Await.until("the attempt is given up", () -> session(id).verifyClaim == null);
        UploadSession retrying = session(id);
        assertThat(retrying.status).as("not the file's fault: tried again").isEqualTo(UploadStatus.VERIFYING);
        assertThat(retrying.verifyAttempts).isEqualTo(2);
        // The second failed attempt waits 10 s (5 s doubling).
        assertThat(Duration.between(Instant.now(), retrying.verifyClaimedUntil)).isBetween(Duration.ofSeconds(5),
                Duration.ofSeconds(11));

        claimedByAnotherInstance(id, Instant.now().minusSeconds(1), config.verifyMaxAttempts() - 1);
        verifier.sweep();
        var verdict = Uploads.awaitVerdict(GraphQL.as("entrant1"), id, "asset { id }");
        assertThat(verdict.string("uploadSession.status")).isEqualTo("FAILED");
        assertThat(verdict.string("uploadSession.rejectionMessage")).contains("存储").contains("重新上传");
        String english = GraphQL.as("entrant1").acceptLanguage("en").run(
                "query($id: ID!) { uploadSession(id: $id) { rejectionMessage } }", Map.of("id", id)).ok()
                .string("uploadSession.rejectionMessage");
        assertThat(english).contains("storage").contains("upload it again").doesNotContainPattern("\\p{IsHan}");
        assertThat(complete("entrant1", id).errorCode()).isEqualTo("CONFLICT");
    }

    /** Leaves no verification or rendition work behind for the test classes after this one (statement counts). */
    @AfterAll
    static void awaitBackgroundWorkSettled() throws InterruptedException {
        Await.until("verifications settle", () -> QuarkusTransaction.requiringNew()
                .call(() -> UploadSession.count("status", UploadStatus.VERIFYING)) == 0);
        MediaUploadTest.awaitRenditionsSettled();
    }

    // --- helpers ---

    private static GraphQL.Response completeWith(String id, List<Map<String, Object>> parts) {
        return GraphQL.as("entrant1").run("mutation($id: ID!, $parts: [CompletedPartInput]) {"
                + " completeUpload(id: $id, parts: $parts) { id status } }", Map.of("id", id, "parts", parts));
    }


    /** PUTs a part to its presigned URL; the ETag the store answered with. */
    private static String putPart(String url, byte[] bytes) {
        try {
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(200);
            return answer.headers().firstValue("ETag").orElseThrow();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("PUT " + url, e);
        }
    }

    private static final String WATCH = """
            subscription($id: ID!) { uploadSessionChanged(uploadId: $id) {
              id status rejection rejectionMessage asset { id width } } }""";

    /** A started single-request upload with its bytes in the store, not yet completed. */
    private static String uploaded(String work, String name, byte[] bytes) {
        var session = start("entrant1", work, name, "image/jpeg", bytes).ok();
        assertThat(put(session.string("startUpload.url"), bytes)).isEqualTo(200);
        return session.string("startUpload.id");
    }

    /** The row as an instance that claimed the session (attempt {@code attempts}) and then died leaves it. */
    private static void claimedByAnotherInstance(String id, Instant leaseUntil, int attempts) {
        QuarkusTransaction.requiringNew().run(() -> UploadSession.update("status = ?1, verifyClaim = ?2,"
                + " verifyClaimedUntil = ?3, verifyAttempts = ?4 where id = ?5", UploadStatus.VERIFYING,
                UUID.randomUUID(), leaseUntil, attempts, UUID.fromString(id)));
    }

    static UploadSession session(String id) {
        return QuarkusTransaction.requiringNew().call(() -> UploadSession.<UploadSession>findById(UUID.fromString(id)));
    }

    /** The next session the subscription sends. */
    static JsonPath next(GraphQLWs ws) throws InterruptedException {
        JsonPath message = ws.next(Duration.ofSeconds(30));
        assertThat(message).as("a message within 30 s").isNotNull();
        assertThat(message.getString("type")).as(message.prettify()).isEqualTo("next");
        assertThat(message.<Object>get("payload.errors")).as(message.prettify()).isNull();
        return message.setRootPath("payload.data.uploadSessionChanged");
    }

    /**
     * Completes the upload while the subscription watches: VERIFYING arrives first (the verification is held until
     * then, so the two cannot race), then the verdict, which the method returns.
     */
    private JsonPath completeWatched(GraphQLWs ws, String id) throws InterruptedException {
        probe.hold(UUID.fromString(id));
        try {
            assertThat(complete("entrant1", id).ok().string("completeUpload.status")).isEqualTo("VERIFYING");
            assertThat(next(ws).getString("status")).isEqualTo("VERIFYING");
        } finally {
            probe.release(UUID.fromString(id));
        }
        JsonPath verdict = next(ws);
        assertThat(verdict.getString("status")).isNotIn("OPEN", "VERIFYING");
        return verdict;
    }

}
