package cn.kepu.media.web;

import cn.kepu.media.testsupport.SearchWords;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.Html;
import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The search page's address answered by the real service with the web application built: the plain search carries the
 * page's own first answer (the same as /graphql gives an anonymous visitor for the variables index.html's script
 * builds) and its first results as escaped HTML, however hostile the searched words and the works' titles; a search
 * with filters, an unknown sort, a search without results and a request with a token get the plain application page.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class SearchPageFirstScreenTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)>";
    private static final Pattern EMBEDDED = Pattern.compile(
            "<script type=\"application/json\" id=\"kepu-first-answer\" data-operation=\"SearchWorks\" data-path=\"([^\"]*)\">(.*?)</script>",
            Pattern.DOTALL);

    /** A word only this class's work carries. */
    private static final String WORD = SearchWords.unique("fs");
    private static String published;

    /** Made once, by the first test (after Quarkus has started), and waited for until search finds it. */
    private static synchronized void work() {
        if (published != null) {
            return;
        }
        GraphQL owner = Contests.register("first-screen", "ENTRANT", "科普研究所", "BEIJING").client();
        Map<String, Object> input = new HashMap<>(Map.of("kind", "PHOTO", "title", WORD + " 量子" + HOSTILE + "纠缠 \"引号\" & 'x'",
                "description", "关于 " + WORD + " 的说明<img src=y onerror=alert(2)>", "topics", List.of("GENERAL_SCIENCE"),
                "region", "BEIJING", "creators", List.of(Map.of("name", "测试作者")), "licence", "CC_BY_4_0"));
        String id = owner.run("mutation($input: WorkInput!) { createWork(input: $input) { id } }", Map.of("input", input))
                .ok().string("createWork.id");
        TestMediaFacts.register(id, TestMediaFacts.png(2000, 1500));
        Publications.publish(owner, id);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> ids = GraphQL.anonymous().run("query($q: String) { searchWorks(query: $q, first: 5) { edges { node { id } } } }",
                    new HashMap<>(Map.of("q", WORD))).ok().data("searchWorks.edges.node.id");
            if (ids.contains(id)) {
                published = id;
                return;
            }
            sleep();
        }
        throw new AssertionError("the published work never appeared in search");
    }

    @Test
    void thePlainSearchCarriesItsAnswerAndFirstResultsEscaped() {
        work();
        String page = firstScreen("/?q=" + WORD);
        Matcher embedded = EMBEDDED.matcher(page);
        assertThat(embedded.find()).as("the embedded answer in:%n%s", page).isTrue();
        assertThat(embedded.group(1)).isEqualTo("/");
        assertThat(embedded.group(2)).doesNotContain("<", ">", "&");

        JsonObject data = new JsonObject(embedded.group(2)).getJsonObject("data");
        assertThat(data.getJsonObject("searchWorks").getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("id"))
                .isEqualTo(published);
        // The page's own operation (the build's first-screen.json, from SearchPage.tsx) with index.html's variables,
        // asked as an anonymous visitor.
        String query = new JsonObject(given().get("/first-screen.json").then().statusCode(200).extract().asString())
                .getJsonObject("operations").getString("SearchWorks");
        JsonObject variables = new JsonObject().put("query", WORD).put("filter", new JsonObject()).put("first", 24)
                .putNull("after").put("sort", "RELEVANCE");
        JsonObject direct = new JsonObject(given().contentType("application/json").header("Accept-Language", "zh-CN")
                .body(new JsonObject().put("operationName", "SearchWorks").put("query", query).put("variables", variables).encode())
                .post("/graphql").then().statusCode(200).extract().asString());
        assertThat(data).as("the same answer /graphql gives").isEqualTo(direct.getJsonObject("data"));

        assertThat(page).as("titles and snippets are text, never markup")
                .contains("<main class=\"app-content first-screen\">", "<div id=\"boot\" class=\"app-layout\">",
                        "<a href=\"/works/" + published + "\"><h2 class=\"hit-title\"><span class=\"hl\">",
                        // The API's fragments are HTML-escaped text with <em> markers; the page shows the text the
                        // entrant typed, as lib/Highlight.tsx does (decoded, then escaped once for this page).
                        "<em>" + WORD + "</em>", "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;",
                        "<p class=\"muted hit-snippet\">", "value=\"" + WORD + "\"")
                .doesNotContain("<img src=x", "onerror=alert(1)>", "<img src=y", "onerror=alert(2)>", "&amp;lt;", "&amp;amp;",
                        "&amp;quot;");
        Matcher title = Pattern.compile("<a href=\"/works/" + published + "\"><h2 class=\"hit-title\">(.*?)</h2>").matcher(page);
        assertThat(title.find()).isTrue();
        assertThat(Html.unescape(title.group(1).replaceAll("<[^>]+>", ""))).as("the highlighted title reads as typed")
                .isEqualTo(WORD + " 量子" + HOSTILE + "纠缠 \"引号\" & 'x'");
        Matcher snippet = Pattern.compile("<p class=\"muted hit-snippet\">(.*?)</p>").matcher(page);
        assertThat(snippet.find()).isTrue();
        assertThat(Html.unescape(snippet.group(1).replaceAll("<[^>]+>", ""))).as("the snippet reads as typed")
                .contains("的说明<img src=y onerror=alert(2)>");
    }

    @Test
    void hostileSearchedWordsAreEscaped() {
        work();
        String words = HOSTILE + " " + WORD;
        String page = firstScreen("/?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8) + "&sort=NEWEST");
        assertThat(EMBEDDED.matcher(page).find()).as("the first screen in:%n%s", page).isTrue();
        assertThat(page).contains("value=\"&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; " + WORD + "\"")
                .contains("ant-segmented-item-selected ant-segmented-item-selected-text\"><input class=\"ant-segmented-item-input\" type=\"radio\" name=\"kepu-fs-sort\" value=\"NEWEST\" checked disabled><div class=\"ant-segmented-item-label\" title=\"最新\">")
                .doesNotContain("<img src=x", "onerror=alert(1)>");
    }

    @Test
    void theFirstScreenTravelsCompressed() {
        work();
        var compressed = given().urlEncodingEnabled(false).header("Accept", "text/html").header("Accept-Encoding", "gzip")
                .get("/?q=" + WORD);
        compressed.then().statusCode(200).header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding")
                .header("Cache-Control", WebAssetCaching.PAGE);
        assertThat(compressed.asString()).contains("<main class=\"app-content first-screen\">");
    }

    @Test
    void filtersAnUnknownSortNoResultsAndOtherParametersGetThePlainPage() {
        work();
        for (String path : List.of("/?q=" + WORD + "&kinds=PHOTO", "/?kinds=PHOTO", "/?q=" + WORD + "&page=2",
                "/?q=" + WORD + "&sort=BOGUS", "/?q=" + SearchWords.unique("nothing"),
                "/index.html?q=" + WORD)) {
            assertPlain(page(path, null), path);
        }
    }

    @Test
    void deepLinksThatQuinoaReroutesToTheRootGetThePlainPage() {
        work();
        for (String path : List.of("/collections", "/works/" + UUID.randomUUID(), "/organizer/contests")) {
            assertPlain(page(path, null), path);
        }
    }

    @Test
    void aRequestWithATokenGetsThePlainPage() {
        work();
        assertPlain(page("/?q=" + WORD, GraphQL.asSubjectToken("first-screen-" + UUID.randomUUID(), "MEDIA")), "with a token");
    }

    private static void assertPlain(String page, String what) {
        assertThat(page).as(what).contains("<div id=\"root\"></div>")
                .contains("<div id=\"boot\" class=\"app-layout\" aria-hidden=\"true\">")
                .doesNotContain("kepu-first-answer\"", "first-screen\">", WORD);
    }

    /**
     * The page at {@code path}, asked again (up to five times) while it comes without its first screen: an answer
     * slower than two seconds gets the plain page by design, and a search's first answers on a loaded test machine
     * (cold caches, other builds) can be.
     */
    private static String firstScreen(String path) {
        String page = page(path, null);
        for (int attempt = 1; attempt < 5 && !EMBEDDED.matcher(page).find(); attempt++) {
            page = page(path, null);
        }
        return page;
    }

    private static String page(String path, String token) {
        var request = given().urlEncodingEnabled(false).header("Accept", "text/html");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.get(path).then().statusCode(200).extract().asString();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
