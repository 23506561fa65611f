package cn.kepu.media.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The end of an upload as a client sees it since verification became a job (issue 13 item 3): {@code completeUpload}
 * answers VERIFYING at once, the verdict arrives on the session. Tests that only need the verdict wait for it here,
 * asking {@code uploadSession} the way the web client does when its socket fails.
 */
public final class Uploads {

    private static final Set<String> WAITING = Set.of("OPEN", "VERIFYING");
    private static final Duration VERDICT_WITHIN = Duration.ofSeconds(60);

    private Uploads() {
    }

    /** completeUpload; fails on an error. The answer's session is VERIFYING. */
    public static GraphQL.Response complete(GraphQL as, String uploadId) {
        GraphQL.Response answer = as.run("mutation($id: ID!) { completeUpload(id: $id) { id status } }",
                Map.of("id", uploadId)).ok();
        assertThat(answer.string("completeUpload.status")).as("completeUpload answers before verifying")
                .isEqualTo("VERIFYING");
        return answer;
    }

    /**
     * Waits until the session has its verdict and returns {@code uploadSession(id) { id status rejection
     * rejectionMessage <fields> }} as it was then.
     */
    public static GraphQL.Response awaitVerdict(GraphQL as, String uploadId, String fields) {
        return awaitVerdict(as, uploadId, fields, VERDICT_WITHIN, Await.EVERY);
    }

    /**
     * {@link #awaitVerdict(GraphQL, String, String)} asking every {@code every} (a benchmark timing the verdict asks
     * often); fails when there is no verdict within {@code within}.
     */
    public static GraphQL.Response awaitVerdict(GraphQL as, String uploadId, String fields, Duration within,
            Duration every) {
        String query = "query($id: ID!) { uploadSession(id: $id) { id status rejection rejectionMessage " + fields
                + " } }";
        return Await.until("verdict on upload " + uploadId, () -> as.run(query, Map.of("id", uploadId)).ok(),
                session -> !WAITING.contains(session.string("uploadSession.status")), within, every);
    }

    /** completeUpload, then the verdict, which must be an acceptance; returns the asset's id. */
    public static String completeAccepted(GraphQL as, String uploadId) {
        complete(as, uploadId);
        GraphQL.Response verdict = awaitVerdict(as, uploadId, "asset { id }");
        assertThat(verdict.string("uploadSession.status")).as("verdict on %s: %s", uploadId,
                verdict.string("uploadSession.rejectionMessage")).isEqualTo("COMPLETED");
        return verdict.string("uploadSession.asset.id");
    }
}
