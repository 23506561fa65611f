package cn.kepu.media.shared;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Hostile queries are refused with a typed error before any resolver runs. */
@QuarkusTest
class QueryGuardTest {

    @Test
    void tooComplexQueryIsRefused() {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < 12; i++) {
            query.append("w").append(i).append(": works(first: 100) { edges { node { id title titleEn description")
                    .append(" tags kind status region creditLine topics { code nameZh nameEn }")
                    .append(" creators { name nameEn affiliation role } } } } ");
        }
        query.append("}");

        var response = GraphQL.anonymous().run(query.toString());

        assertThat(response.errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(response.json().getMap("data")).isNull();
    }

    @Test
    void aliasFanOutIsRefused() {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < 31; i++) {
            query.append("t").append(i).append(": topics { code } ");
        }
        query.append("}");

        var response = GraphQL.anonymous().run(query.toString());

        assertThat(response.errorCode()).isEqualTo("QUERY_TOO_LARGE");
        assertThat(response.errorMessage()).contains("别名");
    }

    @Test
    void tooManyTokensAreRefusedByTheParser() {
        String query = "{ topics { " + "code ".repeat(6000) + "} }";

        var response = GraphQL.anonymous().run(query);

        assertThat(response.errorCode()).isEqualTo("QUERY_TOO_LARGE");
    }

    @Test
    void syntaxErrorIsInvalidQuery() {
        var response = GraphQL.anonymous().run("{ works(first: ) ");
        assertThat(response.errorCode()).isEqualTo("INVALID_QUERY");
    }

    @Test
    void unknownFieldIsInvalidQuery() {
        var response = GraphQL.anonymous().run("{ works(first: 1) { edges { node { password } } } }");
        assertThat(response.errorCode()).isEqualTo("INVALID_QUERY");
        assertThat(response.errorMessage()).contains("password");
    }

    @Test
    void introspectionIsAvailableByDefault() {
        var response = GraphQL.anonymous().run("{ __schema { queryType { name } } }");
        assertThat(response.errors()).isEmpty();
        assertThat(response.string("__schema.queryType.name")).isEqualTo("Query");
    }
}
