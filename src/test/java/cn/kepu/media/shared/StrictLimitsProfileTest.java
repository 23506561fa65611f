package cn.kepu.media.shared;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production-style switches: introspection off, and a depth limit low enough for today's schema to reach
 * (its deepest honest path is five levels, below the default limit of ten).
 */
@QuarkusTest
@TestProfile(StrictLimitsProfileTest.Strict.class)
class StrictLimitsProfileTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kepu.graphql.introspection", "false", "kepu.graphql.max-depth", "3");
        }
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
