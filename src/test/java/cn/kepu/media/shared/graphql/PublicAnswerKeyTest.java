package cn.kepu.media.shared.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.error.Messages;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The public answer cache's key: the same for spellings of one request, different for anything that can change it. */
class PublicAnswerKeyTest {

    private static final String DOC = "query Page($first: Int) { works(first: $first) { edges { node { id } } } }";

    private static String variables(String body) {
        return PublicAnswerKey.inputs(body).orElseThrow().variables();
    }

    private static String key(String body) {
        return key(body, Messages.CHINESE, "application/json");
    }

    private static String key(String body, Locale language, String accept) {
        return PublicAnswerKey.of(DOC, "Page", PublicAnswerKey.inputs(body).orElseThrow(), language, accept);
    }

    @Test
    void memberOrderWhitespaceAndStringEscapesDoNotChangeTheKey() {
        String a = "{\"query\":\"x\",\"variables\":{\"first\":5,\"filter\":{\"kind\":\"POSTER\",\"tags\":[\"a\",\"b\"]}}}";
        String b = "{ \"variables\" : { \"filter\" : { \"tags\" : [ \"\\u0061\", \"b\" ], \"kind\" : \"POSTER\" },"
                + " \"first\" : 5 }, \"query\" : \"x\" }";

        assertThat(variables(a)).isEqualTo("{\"filter\":{\"kind\":\"POSTER\",\"tags\":[\"a\",\"b\"]},\"first\":5}");
        assertThat(key(a)).isEqualTo(key(b));
    }

    @Test
    void absentNullAndEmptyVariablesAreOneInputButANullMemberIsNot() {
        assertThat(key("{\"query\":\"x\"}")).isEqualTo(key("{\"query\":\"x\",\"variables\":null}"))
                .isEqualTo(key("{\"query\":\"x\",\"variables\":{}}"));
        assertThat(key("{\"query\":\"x\",\"variables\":{\"first\":null}}")).isNotEqualTo(key("{\"query\":\"x\"}"));
    }

    @Test
    void valuesArrayOrderAndNumberSpellingKeepAnswersApart() {
        String one = key("{\"variables\":{\"first\":1}}");
        assertThat(one).isNotEqualTo(key("{\"variables\":{\"first\":2}}"))
                .isNotEqualTo(key("{\"variables\":{\"first\":1.0}}"))
                .isNotEqualTo(key("{\"variables\":{\"first\":\"1\"}}"));
        assertThat(key("{\"variables\":{\"t\":[\"a\",\"b\"]}}")).isNotEqualTo(key("{\"variables\":{\"t\":[\"b\",\"a\"]}}"));
        assertThat(variables("{\"variables\":{\"x\":1e3,\"y\":-0.50}}")).isEqualTo("{\"x\":1e3,\"y\":-0.50}");
    }

    @Test
    void aRepeatedMemberCountsOnceTheLastWins() {
        assertThat(variables("{\"variables\":{\"a\":1,\"a\":2}}")).isEqualTo("{\"a\":2}");
    }

    @Test
    void extensionsLanguageAcceptAndOperationNameArePartOfTheKey() {
        String body = "{\"variables\":{\"first\":1}}";
        assertThat(key(body)).isNotEqualTo(key("{\"variables\":{\"first\":1},\"extensions\":{\"v\":1}}"))
                .isNotEqualTo(key(body, Messages.ENGLISH, "application/json"))
                .isNotEqualTo(key(body, Messages.CHINESE, "application/graphql-response+json"))
                .isNotEqualTo(key(body, Messages.CHINESE, null));
        var inputs = PublicAnswerKey.inputs(body).orElseThrow();
        assertThat(PublicAnswerKey.of(DOC, null, inputs, Messages.CHINESE, "a"))
                .isNotEqualTo(PublicAnswerKey.of(DOC, "Page", inputs, Messages.CHINESE, "a"))
                .isNotEqualTo(PublicAnswerKey.of(DOC, "", inputs, Messages.CHINESE, "a"));
        assertThat(PublicAnswerKey.of(DOC + " ", "Page", inputs, Messages.CHINESE, "a"))
                .as("the document as sent, not reformatted").isNotEqualTo(key(body));
    }

    @Test
    void partsNeverRunTogether() {
        var none = PublicAnswerKey.Inputs.NONE;
        assertThat(PublicAnswerKey.of("ab", "c", none, Messages.CHINESE, "x"))
                .isNotEqualTo(PublicAnswerKey.of("a", "bc", none, Messages.CHINESE, "x"));
        assertThat(PublicAnswerKey.of("a", null, none, Messages.CHINESE, "x"))
                .isNotEqualTo(PublicAnswerKey.of("a", "", none, Messages.CHINESE, "x"));
    }

    @Test
    void bodiesThatAreNotPlainJsonObjectsAreNotCached() {
        assertThat(PublicAnswerKey.inputs("{\"variables\":[1]}")).isEmpty();
        assertThat(PublicAnswerKey.inputs("{\"variables\":\"{}\"}")).isEmpty();
        assertThat(PublicAnswerKey.inputs("{\"query\":\"x\"} trailing")).isEmpty();
        assertThat(PublicAnswerKey.inputs("[{\"query\":\"x\"}]")).isEmpty();
        assertThat(PublicAnswerKey.inputs("{\"query\":\"a\tb\"}")).as("a raw tab, which SmallRye rewrites").isEmpty();
        assertThat(PublicAnswerKey.inputs("{\"variables\":" + "[".repeat(100) + "]".repeat(100) + "}")).isEmpty();
        assertThat(PublicAnswerKey.inputs(null)).isEmpty();
    }

    @Test
    void theOperationIsTheNamedOneOrTheOnlyOne() {
        Document two = Parser.parse("query A { topics { code } } mutation B { x }");
        assertThat(PublicAnswerKey.operation(two, "A").orElseThrow().getOperation())
                .isEqualTo(OperationDefinition.Operation.QUERY);
        assertThat(PublicAnswerKey.operation(two, "B").orElseThrow().getOperation())
                .isEqualTo(OperationDefinition.Operation.MUTATION);
        assertThat(PublicAnswerKey.operation(two, null)).as("ambiguous").isEmpty();
        assertThat(PublicAnswerKey.operation(two, "C")).isEmpty();
        assertThat(PublicAnswerKey.operation(Parser.parse("{ topics { code } }"), null)).isPresent();
    }

    @Test
    void onlyAnswersWithoutErrorsAreShareable() {
        assertThat(PublicAnswerCache.withoutErrors(bytes("{\"data\":{\"topics\":[{\"errors\":1}]}}"))).isTrue();
        assertThat(PublicAnswerCache.withoutErrors(bytes("{\"errors\":[{\"message\":\"x\"}],\"data\":null}"))).isFalse();
        assertThat(PublicAnswerCache.withoutErrors(bytes("{\"data\":{},\"errors\":[]}"))).isFalse();
        assertThat(PublicAnswerCache.withoutErrors(bytes("{\"data\":"))).isFalse();
        assertThat(PublicAnswerCache.withoutErrors(bytes("Server Error"))).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
