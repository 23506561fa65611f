package cn.kepu.media.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A work page's address answered by the real service with the web application built: a published work's page carries
 * the page's own first answer (the same as /graphql gives an anonymous visitor) and its first screen as escaped HTML;
 * a draft, a work waiting for moderation, an unknown or malformed id and a request with a token get the plain
 * application page, with nothing of the work in it.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class WorkPageFirstScreenTest {

    private static final String TITLE = "量子</script><img src=x onerror=alert(1)>纠缠 \"引号\" & 'x'";
    private static final Pattern EMBEDDED = Pattern.compile(
            "<script type=\"application/json\" id=\"kepu-first-answer\" data-operation=\"WorkPage\" data-path=\"([^\"]*)\">(.*?)</script>",
            Pattern.DOTALL);

    private static GraphQL owner;
    private static String published;
    private static String draft;
    private static String waiting;

    /** Made once, by the first test (after Quarkus has started). */
    private static synchronized void works() {
        if (published != null) {
            return;
        }
        owner = Contests.register("first-screen", "ENTRANT", "科普研究所", "BEIJING").client();
        published = createWork(owner, TITLE);
        TestMediaFacts.register(published, TestMediaFacts.png(2000, 1500));
        Publications.publish(owner, published);
        draft = createWork(owner, "草稿 " + TITLE);
        waiting = createWork(owner, "待审 " + TITLE);
        TestMediaFacts.register(waiting, TestMediaFacts.png(2000, 1500));
        owner.run(Publications.REQUEST, Map.of("input", Map.of("workId", waiting))).ok();
    }

    @Test
    void aPublishedWorksPageCarriesItsAnswerAndFirstScreenEscaped() {
        works();
        String page = page("/works/" + published, null);
        Matcher embedded = EMBEDDED.matcher(page);
        assertThat(embedded.find()).as("the embedded answer in:%n%s", page).isTrue();
        assertThat(embedded.group(1)).isEqualTo("/works/" + published);
        assertThat(embedded.group(2)).doesNotContain("<", ">", "&");

        JsonObject work = new JsonObject(embedded.group(2)).getJsonObject("data").getJsonObject("work");
        assertThat(work.getString("id")).isEqualTo(published);
        assertThat(work.getString("title")).isEqualTo(TITLE);
        assertThat(work.getString("status")).isEqualTo("PUBLISHED");
        // The page's own operation (the build's first-screen.json, from WorkPage.tsx) asked as an anonymous visitor.
        String query = new JsonObject(given().get("/first-screen.json").then().statusCode(200).extract().asString())
                .getJsonObject("operations").getString("WorkPage");
        JsonObject direct = new JsonObject(given().contentType("application/json").header("Accept-Language", "zh-CN")
                .body(new JsonObject().put("operationName", "WorkPage").put("query", query)
                        .put("variables", new JsonObject().put("id", published)).encode())
                .post("/graphql").then().statusCode(200).extract().asString());
        assertThat(work).as("the same answer /graphql gives").isEqualTo(direct.getJsonObject("data").getJsonObject("work"));

        assertThat(page).as("the title is text, never markup")
                .contains(">量子&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;纠缠 &quot;引号&quot; &amp; &#39;x&#39;</h1>")
                .doesNotContain("<img src=x", "onerror=alert(1)>");
        assertThat(page).contains("<main class=\"app-content first-screen\">")
                .contains(work.getString("creditLine").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;").replace("'", "&#39;"))
                .contains("<div id=\"boot\" class=\"app-layout\">");
    }

    @Test
    void theFirstScreenTravelsCompressedToBrowsersThatAcceptIt() {
        works();
        var compressed = given().urlEncodingEnabled(false).header("Accept", "text/html")
                .header("Accept-Encoding", "gzip").get("/works/" + published);
        compressed.then().statusCode(200).header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding");
        assertThat(compressed.asString()).contains("<main class=\"app-content first-screen\">");
        // Without content decoders RestAssured sends no Accept-Encoding of its own (gzip, deflate) beside this one.
        var plain = given().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .urlEncodingEnabled(false).header("Accept", "text/html")
                .header("Accept-Encoding", "identity").get("/works/" + published);
        // Identity: said as "identity" or not at all (the server's compression layer drops the header).
        plain.then().statusCode(200).header("Content-Encoding", org.hamcrest.Matchers.not(org.hamcrest.Matchers.equalTo("gzip")));
        assertThat(plain.asString()).contains("<main class=\"app-content first-screen\">");
    }

    @Test
    void unpublishedUnknownAndMalformedWorksGetThePlainPage() {
        works();
        for (String path : new String[] {"/works/" + draft, "/works/" + waiting, "/works/" + UUID.randomUUID(),
                "/works/%3Cscript%3E", "/works/not-a-uuid"}) {
            assertPlain(page(path, null), path);
        }
    }

    @Test
    void aRequestWithATokenGetsThePlainPage() {
        works();
        assertPlain(page("/works/" + published, GraphQL.asSubjectToken("first-screen-" + UUID.randomUUID(), "MEDIA")),
                "with a token");
    }

    private static void assertPlain(String page, String what) {
        assertThat(page).as(what).contains("<div id=\"root\"></div>")
                .contains("<div id=\"boot\" class=\"app-layout\" aria-hidden=\"true\">")
                .doesNotContain("kepu-first-answer\"", "first-screen\">", "纠缠");
    }

    private static String page(String path, String token) {
        var request = given().urlEncodingEnabled(false).header("Accept", "text/html");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.get(path).then().statusCode(200).extract().asString();
    }

    private static String createWork(GraphQL as, String title) {
        return as.run("""
                mutation($title: String!) { createWork(input: {kind: PHOTO, title: $title, topics: ["GENERAL_SCIENCE"],
                  region: BEIJING, creators: [{name: "测试作者"}], licence: CC_BY_4_0}) { id } }""",
                Map.of("title", title)).ok().string("createWork.id");
    }
}
