package cn.kepu.media.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void readinessReportsEachStoreByName() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", containsInAnyOrder("postgresql", "elasticsearch", "object-storage", "search-index",
                        "startup"))
                .body("checks.find { it.name == 'search-index' }.data.keySet()",
                        org.hamcrest.Matchers.hasItems("inSync", "missing", "stale", "extra", "pendingEvents"))
                .body("checks.status", everyItem(is("UP")));
    }

    /**
     * With no drift report stored (a fresh database), the search-index check starts the first comparison in the
     * background and answers with the report when it was quick and "pending" otherwise (never an
     * invented one); the stored report follows without anyone asking for it again.
     */
    @Test
    void theSearchIndexCheckAnswersQuicklyWhenNoDriftReportExistsYet() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("delete from search_drift_report");
        }
        // How long the probe takes is measured by a benchmark, not asserted here (issue 8 note: 9.5 s still).
        var probe = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        String checkedAt = probe.getString("checks.find { it.name == 'search-index' }.data.checkedAt");
        assertThat(checkedAt).isNotNull();
        if (!checkedAt.equals("pending")) {
            assertThat(java.time.Instant.parse(checkedAt)).isAfter(java.time.Instant.now().minusSeconds(60));
        }

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (true) {
            var later = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
            String at = later.getString("checks.find { it.name == 'search-index' }.data.checkedAt");
            if (!"pending".equals(at)) {
                assertThat(later.getMap("checks.find { it.name == 'search-index' }.data"))
                        .containsKeys("inSync", "missing", "stale", "extra", "pendingEvents");
                break;
            }
            assertThat(System.nanoTime()).as("the first drift report is stored within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * Issue 8 item 17 and issue 13: with Elasticsearch hung (SIGSTOP: its port accepts connections and never answers)
     * and no drift report stored, every probe still answers within a probe's 3 s time-out — DOWN, since the cluster
     * does not answer — instead of waiting for a client default (30 s) or for the sum of the checks' waits. Several
     * probes in a row: each finds the first comparison still hanging on Elasticsearch.
     */
    @Test
    void probesAnswerWithinThreeSecondsWithElasticsearchHungAndNoDriftReport() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("delete from search_drift_report");
        }
        given().get("/q/health/live").then().statusCode(200);
        cn.kepu.media.devstack.LocalStack stack = cn.kepu.media.devstack.LocalStack.ensureRunning();
        stack.pauseElasticsearch(true);
        java.util.List<Long> millis = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                long begin = System.nanoTime();
                var probe = given().get("/q/health/ready").then().extract();
                millis.add((System.nanoTime() - begin) / 1_000_000);
                assertThat(probe.statusCode()).isEqualTo(503);
                assertThat(probe.jsonPath().getString("checks.find { it.name == 'elasticsearch' }.status"))
                        .isEqualTo("DOWN");
            }
        } finally {
            stack.pauseElasticsearch(false);
        }
        assertThat(millis).as("readiness probes (ms) with Elasticsearch hung and no drift report")
                .allMatch(ms -> ms < 3_000);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (given().get("/q/health/ready").then().extract().statusCode() != 200) {
            assertThat(System.nanoTime()).as("ready again within 60 s of Elasticsearch resuming").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void prometheusMetricsAreExposed() {
        // The request timer exists once a request was served: do not depend on an earlier test having made one.
        cn.kepu.media.testsupport.GraphQL.anonymous().run("{ topics { code } }").ok();
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("http_server_requests_seconds"));
    }
}
