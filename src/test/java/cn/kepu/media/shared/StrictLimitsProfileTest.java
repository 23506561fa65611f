package cn.kepu.media.shared;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestGraphQLLimits;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production-style switches: introspection off, and a depth limit low enough for today's schema to reach
 * (its deepest honest path is five levels, below the default limit of ten). Switched per test through
 * {@link TestGraphQLLimits} (the limits are read per request), not by a test profile that restarts the application.
 */
@QuarkusTest
class StrictLimitsProfileTest {

    @Inject
    TestGraphQLLimits limits;

    @BeforeEach
    void switchToProductionStyleLimits() {
        limits.introspection(false);
        limits.maxDepth(3);
    }

    @AfterEach
    void restoreTheConfiguredLimits() {
        limits.reset();
    }

    @Test
    void introspectionIsRefusedWhenSwitchedOff() {
        var response = GraphQL.anonymous().run("{ __schema { types { name } } }");
        assertThat(response.errorCode()).isEqualTo("INTROSPECTION_DISABLED");

        var typeQuery = GraphQL.anonymous().run("{ __type(name: \"Work\") { name } }");
        assertThat(typeQuery.errorCode()).isEqualTo("INTROSPECTION_DISABLED");
    }

    @Test
    void theSchemaIsNotDownloadableWhenIntrospectionIsOff() {
        io.restassured.RestAssured.given().get("/graphql/schema.graphql").then().statusCode(404)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("INTROSPECTION_DISABLED"));
    }

    @Test
    void typenameStaysAvailableWithoutIntrospection() {
        var response = GraphQL.anonymous().run("{ topics { __typename code } }");
        assertThat(response.errors()).isEmpty();
    }

    @Test
    void queryDeeperThanTheLimitIsRefusedBeforeExecution() {
        var ok = GraphQL.anonymous().run("{ works(first: 1) { edges { cursor } } }");
        assertThat(ok.errors()).isEmpty();

        var deep = GraphQL.anonymous().run("{ works(first: 1) { edges { node { topics { code } } } } }");
        assertThat(deep.errorCode()).isEqualTo("QUERY_TOO_DEEP");
        assertThat(deep.errorMessage()).contains("5").contains("3");
        assertThat(deep.json().getMap("data")).isNull();
    }
}
