package cn.kepu.media.shared;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.devstack.LocalStack;
import cn.kepu.media.search.SearchIndex;
import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A hung store must not delay requests that do not use it, and must itself cost a bounded time (issue 8 items 15 and
 * 17): Elasticsearch is paused (SIGSTOP, so its port accepts connections and never answers) while searches are in
 * flight; reads and writes that never touch it keep answering at once, the searches end with a typed, retryable
 * SEARCH_UNAVAILABLE after the client-side time-out, and the readiness probe reports DOWN within its own time-out.
 * PostgreSQL and the S3 server are stopped for real (issue 8 item 16): typed DATABASE_UNAVAILABLE and
 * STORAGE_UNAVAILABLE answers with retry hints, then recovery. Every test restores the store it took away and waits
 * until it answers: the stack is shared with the rest of the suite.
 */
@QuarkusTest
class StoreOutagesTest {

    @Inject
    SearchIndex index;

    @Inject
    cn.kepu.media.shared.cluster.PostgresNotifications notifications;

    /** Far below the Elasticsearch client's 10 s socket time-out a blocked request would wait for. */
    private static final long UNRELATED_BOUND_MILLIS = 3_000;

    @Test
    void aHungElasticsearchDelaysNothingElseAndEndsInATypedError() throws Exception {
        LocalStack stack = LocalStack.ensureRunning();
        ExecutorService searches = Executors.newFixedThreadPool(4);
        List<CompletableFuture<GraphQL.Response>> inFlight = new ArrayList<>();
        stack.pauseElasticsearch(true);
        try {
            for (int i = 0; i < 4; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> GraphQL.anonymous()
                        .run("{ searchWorks(query: \"量子\", first: 3) { totalCount } }"), searches));
            }
            // The searches have reached Elasticsearch and block there (no sleep: the index counts what it awaits).
            awaitCondition(Duration.ofSeconds(10), () -> index.readsInFlight() >= 4,
                    () -> "searches waiting on Elasticsearch: " + index.readsInFlight());

            List<Long> unrelated = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                GraphQL.anonymous().run("{ topics { code } }").ok();
                unrelated.add((System.nanoTime() - start) / 1_000_000);
            }
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                GraphQL.as("entrant1").run("""
                        mutation { createWork(input: {kind: POSTER, title: "停机写入", topics: ["GENERAL_SCIENCE"],
                          region: BEIJING, creators: [{name: "x"}], licence: CC_BY_4_0}) { id } }""").ok();
                unrelated.add((System.nanoTime() - start) / 1_000_000);
            }
            assertThat(unrelated).as("latencies (ms) of reads and writes that do not use Elasticsearch")
                    .allMatch(millis -> millis < UNRELATED_BOUND_MILLIS);

            long probeStart = System.nanoTime();
            int status = given().get("/q/health/ready").then().extract().statusCode();
            long probeMillis = (System.nanoTime() - probeStart) / 1_000_000;
            assertThat(status).isEqualTo(503);
            // Bounded by client-side time-outs (30 s before): the elasticsearch check's own 2 s, and the search
            // feature's index check, which still waits for the client's 10 s socket time-out.
            assertThat(probeMillis).as("readiness probe with Elasticsearch hung").isLessThan(15_000);

            for (CompletableFuture<GraphQL.Response> search : inFlight) {
                GraphQL.Response response = search.get(30, TimeUnit.SECONDS);
                assertThat(response.errorCode()).isEqualTo("SEARCH_UNAVAILABLE");
                assertThat(response.json().getInt("errors[0].extensions.retryAfterSeconds")).isPositive();
            }
        } finally {
            stack.pauseElasticsearch(false);
            searches.shutdownNow();
        }
        // Elasticsearch answers again once resumed.
        awaitSearchable(Duration.ofSeconds(30));
    }

    /**
     * Issue 8 item 15, the breaker's side: the search circuit breaker counts clients' searches only. Background reads
     * (the indexer's and the reindex's alias lookups, the drift scan) that time out on a hung Elasticsearch must not
     * open it: otherwise a job's trouble refuses every user's search for the breaker's 10 s after Elasticsearch is back.
     * Twelve background reads fail here (more than the breaker's window of ten), then the first search after the
     * resume is answered.
     */
    @Test
    void failingBackgroundReadsDoNotOpenTheSearchBreaker() throws Exception {
        LocalStack stack = LocalStack.ensureRunning();
        var breakers = io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get();
        breakers.reset(cn.kepu.media.shared.faults.StoreGuards.ELASTICSEARCH);
        ExecutorService background = Executors.newFixedThreadPool(12);
        List<CompletableFuture<Boolean>> reads = new ArrayList<>();
        stack.pauseElasticsearch(true);
        try {
            for (int i = 0; i < 12; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        index.indicesOf(index.config().alias());
                        return false;
                    } catch (Exception e) {
                        return true;
                    }
                }, background));
            }
            for (CompletableFuture<Boolean> read : reads) {
                assertThat(read.get(60, TimeUnit.SECONDS)).as("a background read failed on the hung cluster").isTrue();
            }
        } finally {
            stack.pauseElasticsearch(false);
            background.shutdownNow();
        }
        assertThat(breakers.currentState(cn.kepu.media.shared.faults.StoreGuards.ELASTICSEARCH))
                .isEqualTo(io.smallrye.faulttolerance.api.CircuitBreakerState.CLOSED);
        GraphQL.Response search = GraphQL.anonymous().run("{ searchWorks(query: \"量子\", first: 1) { totalCount } }");
        assertThat(search.errors()).as("the first search after Elasticsearch resumed").isEmpty();
    }

    private static final String WORKS = "{ works(first: 1) { totalCount } }";
    private static final String CREATE_WORK = """
            mutation($kind: WorkKind!) { createWork(input: {kind: $kind, title: "停机期间", topics: ["GENERAL_SCIENCE"],
              region: BEIJING, creators: [{name: "x"}], licence: CC_BY_4_0}) { id } }""";
    private static final String START_UPLOAD = """
            mutation($input: StartUploadInput!) { startUpload(input: $input) { id parts { partNumber } } }""";

    /**
     * A stopped PostgreSQL (issue 8 item 16): reads and writes answer at once with the typed, retryable
     * DATABASE_UNAVAILABLE and a retry hint, in the caller's language; once the database is back (the pool drops the
     * connections the restart broke, the LISTEN connection reconnects) everything answers again without a restart of
     * the service. The test restarts the stack's PostgreSQL, which every other test shares: it waits until the database
     * answers, and live signals flow again, before returning.
     */
    @Test
    void aDatabaseOutageIsATypedRetryableErrorAndTheServiceRecovers() throws Exception {
        LocalStack stack = LocalStack.ensureRunning();
        GraphQL.anonymous().run(WORKS).ok();
        stack.stopPostgres();
        try {
            long start = System.nanoTime();
            GraphQL.Response read = GraphQL.anonymous().acceptLanguage("en").run(WORKS);
            GraphQL.Response write = GraphQL.as("entrant1").run(CREATE_WORK, java.util.Map.of("kind", "POSTER"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(read.errorCode()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(read.json().getInt("errors[0].extensions.retryAfterSeconds")).isPositive();
            assertThat(read.errorMessage()).contains("database").contains("Retry in about");
            assertThat(write.errorCode()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(write.errorMessage()).contains("数据库");
            assertThat(millis).as("two requests against a stopped database (ms)").isLessThan(UNRELATED_BOUND_MILLIS * 3);
        } finally {
            stack.startPostgres();
        }
        awaitCondition(Duration.ofSeconds(60), () -> answersThreeTimes(WORKS), () -> "works still failing: "
                + GraphQL.anonymous().run(WORKS).errors());
        GraphQL.as("entrant1").run(CREATE_WORK, java.util.Map.of("kind", "POSTER")).ok();
        // Signals between instances ride on a LISTEN connection the restart closed: it is back too.
        java.util.concurrent.atomic.AtomicBoolean heard = new java.util.concurrent.atomic.AtomicBoolean();
        String channel = "outage_probe_" + Long.toHexString(System.nanoTime());
        notifications.subscribe(channel, payload -> heard.compareAndSet(false, "back".equals(payload)));
        awaitCondition(Duration.ofSeconds(30), () -> {
            notifications.send(channel, "back");
            return heard.get();
        }, () -> "no notification heard on " + channel);
    }

    /**
     * A stopped object store: starting a (multipart) upload answers STORAGE_UNAVAILABLE with a retry hint and says the
     * upload can be resumed; once the store is back (and its circuit breaker, opened by the failures, lets a trial call
     * through), the same call succeeds. The test restarts the stack's S3 server, which every other test shares: it
     * waits until uploads start again before returning.
     */
    @Test
    void anObjectStorageOutageIsATypedRetryableErrorAndTheServiceRecovers() throws Exception {
        LocalStack stack = LocalStack.ensureRunning();
        String work = GraphQL.as("entrant1").run(CREATE_WORK, java.util.Map.of("kind", "SHORT_VIDEO")).ok()
                .string("createWork.id");
        java.util.Map<String, Object> input = java.util.Map.of("workId", work, "fileName", "outage.mp4",
                "declaredType", "video/mp4", "sizeBytes", 12_000_000, "sha256", "ab".repeat(32));
        stack.stopObjectStorage();
        try {
            GraphQL.Response refused = GraphQL.as("entrant1").acceptLanguage("en")
                    .run(START_UPLOAD, java.util.Map.of("input", input));
            assertThat(refused.errorCode()).isEqualTo("STORAGE_UNAVAILABLE");
            assertThat(refused.json().getInt("errors[0].extensions.retryAfterSeconds")).isPositive();
            assertThat(refused.errorMessage()).contains("file store").contains("resumed");
            GraphQL.Response chinese = GraphQL.as("entrant1").run(START_UPLOAD, java.util.Map.of("input", input));
            assertThat(chinese.errorCode()).isEqualTo("STORAGE_UNAVAILABLE");
            assertThat(chinese.errorMessage()).contains("文件存储");
        } finally {
            stack.startObjectStorage();
        }
        awaitCondition(Duration.ofSeconds(60), () -> GraphQL.as("entrant1")
                        .run(START_UPLOAD, java.util.Map.of("input", input)).errors().isEmpty(),
                () -> "uploads still failing");
        assertThat(GraphQL.as("entrant1").run(START_UPLOAD, java.util.Map.of("input", input)).ok()
                .<java.util.List<Object>>data("startUpload.parts")).hasSize(3);
    }

    private static boolean answersThreeTimes(String query) {
        for (int i = 0; i < 3; i++) {
            if (!GraphQL.anonymous().run(query).errors().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static void awaitCondition(Duration timeout, java.util.function.BooleanSupplier condition,
            java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + state.get());
            }
            Thread.sleep(20);
        }
    }

    private static void awaitSearchable(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var response = GraphQL.anonymous().run("{ searchWorks(query: \"量子\", first: 1) { totalCount } }");
            if (response.errors().isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("search did not recover within " + timeout);
    }
}
