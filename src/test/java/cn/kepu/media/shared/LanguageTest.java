package cn.kepu.media.shared;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.GraphQLWs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every error a client reads is in Simplified Chinese unless it asks for English (Accept-Language, or the graphql-ws
 * {@code connection_init} payload); {@code extensions.code} is the same in both. Covers each source of errors: our
 * services, the request gate, graphql-java's validation and coercion, token verification and live updates.
 */
@QuarkusTest
class LanguageTest {

    private static final String UNKNOWN_WORK = "00000000-0000-0000-0000-00000000beef";

    @Test
    void serviceErrorsAreChineseByDefaultAndEnglishWhenAsked() {
        String query = "query($id: ID!) { work(id: $id) { id } }";
        var chinese = GraphQL.anonymous().run(query, Map.of("id", UNKNOWN_WORK));
        var english = GraphQL.anonymous().acceptLanguage("en-US,en;q=0.9").run(query, Map.of("id", UNKNOWN_WORK));
        var french = GraphQL.anonymous().acceptLanguage("fr-FR").run(query, Map.of("id", UNKNOWN_WORK));
        var preferChinese = GraphQL.anonymous().acceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")
                .run(query, Map.of("id", UNKNOWN_WORK));

        assertThat(chinese.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(english.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(chinese.errorMessage()).contains("找不到作品").contains(UNKNOWN_WORK);
        assertThat(english.errorMessage()).contains("Work " + UNKNOWN_WORK + " was not found");
        assertThat(french.errorMessage()).isEqualTo(chinese.errorMessage());
        assertThat(preferChinese.errorMessage()).isEqualTo(chinese.errorMessage());

        var badId = GraphQL.anonymous().run(query, Map.of("id", "nope"));
        assertThat(badId.errorCode()).isEqualTo("VALIDATION");
        assertThat(badId.errorField()).isEqualTo("id");
        assertThat(badId.errorMessage()).contains("不是有效的 id");
    }

    @Test
    void roleAndAccountErrorsSayWhatToDoNext() {
        var chinese = GraphQL.as("judge1").run("""
                mutation { createWork(input: {kind: POSTER, title: "x", topics: ["GENERAL_SCIENCE"], region: BEIJING,
                  creators: [{name: "x"}], licence: CC_BY_4_0}) { id } }""");
        assertThat(chinese.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(chinese.errorMessage()).contains("ENTRANT").contains("联系");

        var english = GraphQL.asSubject("language-unregistered", "ENTRANT").acceptLanguage("en").run("""
                mutation { createWork(input: {kind: POSTER, title: "x", topics: ["GENERAL_SCIENCE"], region: BEIJING,
                  creators: [{name: "x"}], licence: CC_BY_4_0}) { id } }""");
        assertThat(english.errorCode()).isEqualTo("ACCOUNT_REQUIRED");
        assertThat(english.errorMessage()).contains("Register your account first");
    }

    @Test
    void organizerAndJudgingRuleErrorsAreTranslatedToo() {
        // Once raw English (issue 8 item 11): paging bounds of the audit log, a contest's schedule and time zone.
        String audit = "{ auditLog(contestId: \"" + UNKNOWN_WORK + "\", first: 0) { seq } }";
        var chinese = GraphQL.as("organizer1").run(audit);
        var english = GraphQL.as("organizer1").acceptLanguage("en").run(audit);
        assertThat(chinese.errorCode()).isEqualTo("VALIDATION");
        assertThat(english.errorCode()).isEqualTo("VALIDATION");
        assertThat(chinese.errorField()).isEqualTo("first");
        assertThat(chinese.errorMessage()).contains("必须在 1 到 500 之间");
        assertThat(english.errorMessage()).contains("first: must be between 1 and 500");

        var input = new java.util.HashMap<>(cn.kepu.media.testsupport.Contests.input("时区", Duration.ofHours(1), 3));
        input.put("timeZone", "Mars/Olympus");
        var zone = GraphQL.as("organizer1").run(cn.kepu.media.testsupport.Contests.CREATE, Map.of("input", input));
        var zoneEn = GraphQL.as("organizer1").acceptLanguage("en")
                .run(cn.kepu.media.testsupport.Contests.CREATE, Map.of("input", input));
        assertThat(zone.errorField()).isEqualTo("input.timeZone");
        assertThat(zone.errorMessage()).isEqualTo("input.timeZone：未知时区 Mars/Olympus；请使用 IANA 名称，例如 Asia/Shanghai。");
        assertThat(zoneEn.errorMessage())
                .isEqualTo("input.timeZone: unknown time zone Mars/Olympus; use an IANA name such as Asia/Shanghai.");
    }

    @Test
    void inputConstraintMessagesFollowTheCallersLanguage() {
        String blankTitle = """
                mutation { createWork(input: {kind: POSTER, title: " ", topics: ["GENERAL_SCIENCE"], region: BEIJING,
                  creators: [{name: "x"}], licence: CC_BY_4_0}) { id } }""";
        var chinese = GraphQL.as("entrant1").run(blankTitle);
        var english = GraphQL.as("entrant1").acceptLanguage("en").run(blankTitle);
        assertThat(chinese.errorCode()).isEqualTo("VALIDATION");
        assertThat(english.errorCode()).isEqualTo("VALIDATION");
        assertThat(chinese.errorField()).isEqualTo("input.title");
        assertThat(chinese.errorMessage()).startsWith("input.title").matches(".*\\p{IsHan}.*");
        assertThat(english.errorMessage()).startsWith("input.title").doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void anExpiredTokenSaysItExpiredAndToSignInAgain() {
        String expired = Jwt.subject("entrant1").upn("entrant1").groups(Set.of("ENTRANT"))
                .issuedAt(Instant.now().minus(Duration.ofHours(3))).expiresAt(Instant.now().minus(Duration.ofHours(1)))
                .sign();

        var chinese = GraphQL.withToken(expired).run("{ me { id } }");
        var english = GraphQL.withToken(expired).acceptLanguage("en").run("{ me { id } }");

        assertThat(chinese.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(english.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(chinese.errorMessage()).contains("过期").contains("重新登录");
        assertThat(english.errorMessage()).contains("expired").contains("sign in again");

        var forged = GraphQL.withToken(expired.substring(0, expired.lastIndexOf('.') + 1) + "AAAA")
                .acceptLanguage("en").run("{ me { id } }");
        assertThat(forged.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(forged.errorMessage()).doesNotContain("expired").contains("sign in again");
    }

    @Test
    void engineValidationErrorsAreTranslatedWithTheirDetails() {
        String query = "{ works(first: 1) { edges { node { password } } } }";
        var chinese = GraphQL.anonymous().run(query);
        var english = GraphQL.anonymous().acceptLanguage("en").run(query);

        assertThat(chinese.errorCode()).isEqualTo("INVALID_QUERY");
        assertThat(english.errorCode()).isEqualTo("INVALID_QUERY");
        assertThat(chinese.errorMessage()).isEqualTo("类型 Work 没有字段 password：请对照 schema 检查拼写。");
        assertThat(english.errorMessage()).isEqualTo("Type Work has no field password: check the spelling against the schema.");

        var missing = GraphQL.anonymous().acceptLanguage("en").run("{ work { id } }");
        assertThat(missing.errorCode()).isEqualTo("INVALID_QUERY");
        assertThat(missing.errorMessage()).contains("required argument id");
    }

    @Test
    void anInvalidEnumNamesTheFieldAndListsTheAllowedValues() {
        var literal = GraphQL.anonymous().acceptLanguage("en").run("{ works(filter: {kinds: [VIDEO]}) { totalCount } }");
        assertThat(literal.errorCode()).isEqualTo("INVALID_QUERY");
        assertThat(literal.errorMessage()).contains("kinds").contains("VIDEO").contains("WorkKind")
                .contains("ARTICLE, OTHER, PHOTO, POSTER, SHORT_VIDEO").doesNotContain("EnumValue{");

        var variable = GraphQL.anonymous().run("query($f: WorkFilter) { works(filter: $f) { totalCount } }",
                Map.of("f", Map.of("kinds", java.util.List.of("VIDEO"))));
        assertThat(variable.errors()).hasSize(1);
        assertThat(variable.errorCode()).isEqualTo("INVALID_QUERY");
        assertThat(variable.errorMessage()).contains("$f").contains("VIDEO").contains("PHOTO, POSTER")
                .contains("可选值");
    }

    @Test
    void syntaxErrorsAreTranslated() {
        var chinese = GraphQL.anonymous().run("{ works(first: ) ");
        var english = GraphQL.anonymous().acceptLanguage("en").run("{ works(first: ) ");
        assertThat(chinese.errorCode()).isEqualTo("INVALID_QUERY");
        assertThat(chinese.errorMessage()).contains("语法错误").contains("第 1 行");
        assertThat(english.errorMessage()).contains("Syntax error at line 1");
    }

    @Test
    void theRequestGateAnswersInTheCallersLanguage() {
        JsonPath chinese = given().contentType(ContentType.JSON).body("[{\"query\": \"{ topics { code } }\"}]")
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        JsonPath english = given().contentType(ContentType.JSON).header("Accept-Language", "en")
                .body("[{\"query\": \"{ topics { code } }\"}]")
                .post("/graphql").then().statusCode(200).extract().jsonPath();

        assertThat(chinese.getString("errors[0].extensions.code")).isEqualTo("QUERY_TOO_LARGE");
        assertThat(english.getString("errors[0].extensions.code")).isEqualTo("QUERY_TOO_LARGE");
        assertThat(chinese.getString("errors[0].message")).contains("不接受批量请求");
        assertThat(english.getString("errors[0].message")).contains("Batched requests are not accepted");
    }

    @Test
    void liveUpdatesAnswerInTheLanguageOfTheConnection() throws Exception {
        String denied = "subscription { assignmentAdded { entryCode } }";
        try (GraphQLWs ws = GraphQLWs.connect(null)) {
            ws.subscribe(denied);
            assertThat(errorMessage(ws)).contains("需要登录");
        }
        try (GraphQLWs ws = GraphQLWs.connect(null, Map.of(), "{\"locale\": \"en\"}")) {
            ws.subscribe(denied);
            assertThat(errorMessage(ws)).contains("sign in");
        }
        try (GraphQLWs ws = GraphQLWs.connect(null, Map.of("Accept-Language", "en-GB"), "{}")) {
            ws.subscribe(denied);
            assertThat(errorMessage(ws)).contains("sign in");
        }
    }

    private static String errorMessage(GraphQLWs ws) throws InterruptedException {
        JsonPath message = ws.next(Duration.ofSeconds(5));
        assertThat(message).as("an answer to the subscription").isNotNull();
        String prefix = "error".equals(message.getString("type")) ? "payload[0]" : "payload.errors[0]";
        assertThat(message.getString(prefix + ".extensions.code")).isEqualTo("UNAUTHENTICATED");
        return message.getString(prefix + ".message");
    }
}
