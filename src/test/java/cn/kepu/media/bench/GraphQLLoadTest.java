package cn.kepu.media.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the load generator counts as an error, and the requests it sends. */
class GraphQLLoadTest {

    @Test
    void shouldCountGraphQLErrorsMemberAsFailure() {
        assertThat(GraphQLLoad.describeFailure(200, "{\"errors\":[{\"message\":\"Validation error\"}],\"data\":null}"))
                .startsWith("HTTP 200, GraphQL errors: ")
                .contains("Validation error");
    }

    @Test
    void shouldNotMistakeDataMentioningErrorsForFailure() {
        String body = """
                {"data":{"works":{"edges":[{"node":{"title":"the \\"errors\\": [1] poster","errors":["an alias"]}}]}}}""";

        assertThat(GraphQLLoad.describeFailure(200, body)).isNull();
    }

    @Test
    void shouldAcceptNullOrEmptyErrorsMember() {
        assertThat(GraphQLLoad.describeFailure(200, "{\"data\":{\"ok\":true},\"errors\":null}")).isNull();
        assertThat(GraphQLLoad.describeFailure(200, "{\"errors\": [ ], \"data\":{\"ok\":true}}")).isNull();
    }

    @Test
    void shouldCountNon2xxStatusAsFailure() {
        assertThat(GraphQLLoad.describeFailure(500, "{\"data\":null}")).isEqualTo("HTTP 500: {\"data\":null}");
        assertThat(GraphQLLoad.describeFailure(401, "")).isEqualTo("HTTP 401: ");
    }

    @Test
    void shouldCountBodyThatIsNotAJsonObjectAsFailure() {
        assertThat(GraphQLLoad.describeFailure(200, "<html>Bad Gateway</html>")).contains("not a JSON object");
        assertThat(GraphQLLoad.describeFailure(200, "{\"data\":{}")).contains("not a JSON object");
        assertThat(GraphQLLoad.describeFailure(200, "{\"data\":{}} trailing")).contains("not a JSON object");
    }

    @Test
    void shouldEscapeQueryAndEmbedVariablesInRequestBody() {
        String body = GraphQLLoad.requestBody("query($q: String) {\n\tworks(q: $q) { title }\n} # \"科普\" \\", "{\"q\":\"科普\"}");

        assertThat(body).isEqualTo("{\"query\":\"query($q: String) {\\n\\tworks(q: $q) { title }\\n} # \\\"科普\\\" \\\\\","
                + "\"variables\":{\"q\":\"科普\"}}");
        assertThat(GraphQLLoad.JsonScanner.topLevelMember(body, "variables")).isEqualTo("{\"q\":\"科普\"}");
    }

    @Test
    void shouldRejectVariablesThatAreNotAJsonObject() {
        assertThatThrownBy(() -> GraphQLLoad.Options.parse(new String[] {"--query", "{ a }", "--variables", "{\"a\":"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--variables");
    }

    @Test
    void shouldParseClientListAndDefaults() throws Exception {
        GraphQLLoad.Options options = GraphQLLoad.Options.parse(new String[] {"--query={ a }", "--clients", "1, 16"});

        assertThat(options.clients()).containsExactly(1, 16);
        assertThat(options.url()).hasToString("http://localhost:8080/graphql");
        assertThat(options.seconds()).isEqualTo(20);
        assertThat(options.warmupSeconds()).isEqualTo(5);
    }
}
