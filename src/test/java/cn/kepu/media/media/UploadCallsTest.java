package cn.kepu.media.media;

import static cn.kepu.media.media.MediaUploadTest.createWork;
import static cn.kepu.media.media.UploadVerificationTest.next;
import static cn.kepu.media.media.UploadVerificationTest.session;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Await;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.GraphQLWs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
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
 * The two calls a client waits for around its transfer (issue 13 item 3), on their short paths: {@code startUpload}
 * decides the caller's role from the token and asks the store for the multipart upload before the account is read, so
 * the rule that no refused caller leaves anything in the store is tested here; {@code completeUpload} with the parts
 * named is one statement, so each refusal it can meet (found by the step-by-step checks after that statement changed
 * nothing) and a race of two completions are tested on that path.
 */
@QuarkusTest
class UploadCallsTest {

    /** 11 MiB: three parts of the test profile's 5 MiB. */
    private static final long SIZE = 11L * 1024 * 1024;
    private static final String START = """
            mutation($input: StartUploadInput!) { startUpload(input: $input) { id status partSize parts { url } } }""";

    @Inject
    MediaStorage storage;

    @Inject
    VerificationProbe probe;

    @Test
    void callersRefusedByTheirRoleCreateNothingInTheStore() {
        String work = createWork("entrant1", "SHORT_VIDEO");
        var judge = start(GraphQL.as("judge1"), work);
        assertThat(judge.errorCode()).isEqualTo("FORBIDDEN");
        var anonymous = start(GraphQL.anonymous(), work);
        assertThat(anonymous.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(storage.listIncompleteMultiparts(prefix(work))).isEmpty();
        assertThat(sessionsOf(work)).isZero();
    }

    @Test
    void callersRefusedByTheirAccountLeaveNoMultipartUploadBehind() {
        String work = createWork("entrant1", "SHORT_VIDEO");
        // The token says ENTRANT, so the store is asked at once; the account then says no.
        var unregistered = start(GraphQL.asSubject("upload-calls-" + UUID.randomUUID(), "ENTRANT"), work);
        assertThat(unregistered.errorCode()).isEqualTo("ACCOUNT_REQUIRED");
        var notTheOwner = start(GraphQL.as("entrant2"), work);
        assertThat(notTheOwner.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(notTheOwner.errorField()).isEqualTo("input.workId");
        String nowhere = UUID.randomUUID().toString();
        var unknownWork = start(GraphQL.as("entrant1"), nowhere);
        assertThat(unknownWork.errorCode()).isEqualTo("NOT_FOUND");
        Await.until("the refused calls' multipart uploads are aborted",
                () -> storage.listIncompleteMultiparts(prefix(work)).isEmpty()
                        && storage.listIncompleteMultiparts(prefix(nowhere)).isEmpty());
        assertThat(sessionsOf(work)).isZero();
        // The owner's own call goes through, and its multipart upload stays.
        String id = start(GraphQL.as("entrant1"), work).ok().string("startUpload.id");
        assertThat(storage.listIncompleteMultiparts(prefix(work))).hasSize(1);
        assertThat(session(id).ownerId).isNotNull();
    }

    @Test
    void completeWithNamedPartsRefusesWithTheSameCodesAsEver() {
        String work = createWork("entrant1", "SHORT_VIDEO");
        String id = startWithFirstPart(work);
        List<Map<String, Object>> all = named(1, 2, 3);

        assertThat(complete(GraphQL.as("entrant1"), UUID.randomUUID().toString(), all).errorCode())
                .isEqualTo("NOT_FOUND");
        var notYours = complete(GraphQL.as("entrant2"), id, all);
        assertThat(notYours.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(notYours.errorField()).isEqualTo("uploadId");
        assertThat(complete(GraphQL.asSubject("upload-calls-" + UUID.randomUUID(), "ENTRANT"), id, all).errorCode())
                .isEqualTo("ACCOUNT_REQUIRED");
        assertThat(complete(GraphQL.as("judge1"), id, all).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(complete(GraphQL.anonymous(), id, all).errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(complete(GraphQL.as("entrant1"), "not-an-id", all).errorCode()).isEqualTo("VALIDATION");
        var missing = complete(GraphQL.as("entrant1"), id, named(1, 3));
        assertThat(missing.errorCode()).isEqualTo("CONFLICT");
        assertThat(missing.errorMessage()).contains("[2]");
        assertThat(session(id).status).as("every refusal leaves it OPEN").isEqualTo(UploadStatus.OPEN);

        String old = start(GraphQL.as("entrant1"), work).ok().string("startUpload.id");
        QuarkusTransaction.requiringNew().run(() -> UploadSession.update("expiresAt = ?1 where id = ?2",
                Instant.now().minusSeconds(1), UUID.fromString(old)));
        var expired = GraphQL.as("entrant1").acceptLanguage("en").run("mutation($id: ID!, $parts:"
                + " [CompletedPartInput]) { completeUpload(id: $id, parts: $parts) { id status } }",
                Map.of("id", old, "parts", all));
        assertThat(expired.errorCode()).isEqualTo("CONFLICT");
        assertThat(expired.errorMessage()).contains("expired");
        assertThat(session(old).status).isEqualTo(UploadStatus.OPEN);

        probe.hold(UUID.fromString(id));
        try {
            var answer = complete(GraphQL.as("entrant1"), id, all).ok();
            assertThat(answer.string("completeUpload.status")).isEqualTo("VERIFYING");
            assertThat(answer.string("completeUpload.id")).isEqualTo(id);
            var twice = complete(GraphQL.as("entrant1"), id, all);
            assertThat(twice.errorCode()).as("not OPEN any more").isEqualTo("CONFLICT");
            assertThat(twice.errorMessage()).contains("校验中");
        } finally {
            probe.release(UUID.fromString(id));
        }
    }

    @Test
    void twoCompletionsAtOnceSucceedOnce() throws Exception {
        String work = createWork("entrant1", "SHORT_VIDEO");
        String id = startWithFirstPart(work);
        GraphQL entrant = GraphQL.as("entrant1");
        int callers = 4;
        CountDownLatch ready = new CountDownLatch(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        probe.hold(UUID.fromString(id));
        try {
            List<Future<GraphQL.Response>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<GraphQL.Response> call = () -> {
                    ready.countDown();
                    ready.await();
                    return complete(entrant, id, named(1, 2, 3));
                };
                answers.add(pool.submit(call));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<GraphQL.Response> answer : answers) {
                GraphQL.Response response = answer.get();
                outcomes.add(response.errors() == null || response.errors().isEmpty()
                        ? response.string("completeUpload.status") : response.errorCode());
            }
            assertThat(outcomes).containsOnlyOnce("VERIFYING").containsOnly("VERIFYING", "CONFLICT");
            assertThat(session(id).status).isEqualTo(UploadStatus.VERIFYING);
        } finally {
            probe.release(UUID.fromString(id));
            pool.shutdownNow();
        }
        Await.until("one verification, however many answers", () -> probe.started(UUID.fromString(id)) >= 1);
        assertThat(probe.started(UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void theOwnerHearsTheOneStatementCompletionLive() throws Exception {
        String work = createWork("entrant1", "SHORT_VIDEO");
        String id = startWithFirstPart(work);
        try (GraphQLWs ws = GraphQLWs.connect("entrant1")) {
            ws.subscribe("subscription($id: ID!) { uploadSessionChanged(uploadId: $id) { id status } }",
                    Map.of("id", id));
            assertThat(next(ws).getString("status")).as("the state at once").isEqualTo("OPEN");
            probe.hold(UUID.fromString(id));
            try {
                assertThat(complete(GraphQL.as("entrant1"), id, named(1, 2, 3)).ok()
                        .string("completeUpload.status")).isEqualTo("VERIFYING");
                assertThat(next(ws).getString("status")).as("announced by the statement").isEqualTo("VERIFYING");
            } finally {
                probe.release(UUID.fromString(id));
            }
        }
    }

    /** Leaves no verification behind (the named parts were never stored: each is sent back to OPEN). */
    @AfterAll
    static void awaitBackgroundWorkSettled() throws InterruptedException {
        UploadVerificationTest.awaitBackgroundWorkSettled();
    }

    // --- helpers ---

    private static GraphQL.Response start(GraphQL as, String work) {
        return as.run(START, Map.of("input", Map.of("workId", work, "fileName", "calls.mp4", "declaredType",
                "video/mp4", "sizeBytes", SIZE, "sha256", "a".repeat(64))));
    }

    private static GraphQL.Response complete(GraphQL as, String id, List<Map<String, Object>> parts) {
        return as.run("mutation($id: ID!, $parts: [CompletedPartInput]) { completeUpload(id: $id, parts: $parts)"
                + " { id status } }", Map.of("id", id, "parts", parts));
    }

    /**
     * A started upload with its first part in the store: the parts named below (never stored) are then refused by the
     * store as another part's, and the verification sends the upload back to OPEN at once, as for a client that lost
     * parts (with nothing stored at all, the store's refusal is not recognised and the verification retries for
     * minutes).
     */
    private static String startWithFirstPart(String work) {
        var started = start(GraphQL.as("entrant1"), work).ok();
        String firstUrl = started.<List<String>>data("startUpload.parts.url").get(0);
        assertThat(MediaUploadTest.put(firstUrl, new byte[started.<Integer>data("startUpload.partSize")]))
                .isEqualTo(200);
        return started.string("startUpload.id");
    }

    /** Parts named with ETags the store never gave (the answer does not ask the store; the verification would). */
    private static List<Map<String, Object>> named(int... numbers) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int n : numbers) {
            parts.add(Map.of("partNumber", n, "etag", "\"" + "%032x".formatted(n) + "\""));
        }
        return parts;
    }

    private static String prefix(String work) {
        return "originals/" + work + "/";
    }

    private static long sessionsOf(String work) {
        return QuarkusTransaction.requiringNew().call(() -> UploadSession.count("workId", UUID.fromString(work)));
    }
}
