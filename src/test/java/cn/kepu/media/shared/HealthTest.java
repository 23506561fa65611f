package cn.kepu.media.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void readinessReportsEachStoreByName() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", containsInAnyOrder("postgresql", "elasticsearch", "object-storage", "search-index"))
                .body("checks.find { it.name == 'search-index' }.data.keySet()",
                        org.hamcrest.Matchers.hasItems("inSync", "missing", "stale", "extra", "pendingEvents"))
                .body("checks.status", everyItem(is("UP")));
    }

    @Test
    void prometheusMetricsAreExposed() {
        // The request timer exists once a request was served: do not depend on an earlier test having made one.
        cn.kepu.media.testsupport.GraphQL.anonymous().run("{ topics { code } }").ok();
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("http_server_requests_seconds"));
    }
}
