package cn.kepu.media.shared;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.devstack.LocalStack;
import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
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
 */
@QuarkusTest
class StoreOutagesTest {

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
            Thread.sleep(300); // let the searches reach Elasticsearch and block there

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
            assertThat(probeMillis).as("readiness probe with Elasticsearch hung").isLessThan(6_000);

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
