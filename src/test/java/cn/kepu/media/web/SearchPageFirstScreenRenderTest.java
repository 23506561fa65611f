package cn.kepu.media.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.Html;
import cn.kepu.media.web.FirstScreen.Template;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The search page's first screen as text: which addresses get one and with which variables, what is embedded, how the
 * searched words, titles and Elasticsearch's highlight fragments are escaped, and what is never rendered.
 */
class SearchPageFirstScreenRenderTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)><!--kepu:first-screen-->\"'&\u2028";
    private static final Template TEMPLATE = Template.of(WorkPageFirstScreenRenderTest.PAGE, """
            {"operations":{"SearchWorks":"query SearchWorks{searchWorks{totalCount}}"},
             "texts":{"search":{"title":"科普作品检索","inputLabel":"检索词","placeholder":"输入关键词","button":"检索","filters":"筛选",
               "total":"共 {{count}} 件作品","sort":"排序","sorts":{"RELEVANCE":"相关度","NEWEST":"最新","MOST_DOWNLOADED":"下载最多"},
               "kinds":{"PHOTO":"科普摄影","SHORT_VIDEO":"科普短视频"},"licences":{"CC_BY_4_0":"署名 4.0（CC BY）"},
               "ai":"AI 生成","aiTooltip":"依据标识办法标注","audiences":{"PRIMARY_SCHOOL":"小学生","GENERAL_PUBLIC":"社会公众"}}}}""")
            .orElseThrow();

    private static JsonObject edge(int i, String title, JsonArray highlights, JsonObject preview) {
        JsonObject node = new JsonObject().put("id", "w" + i).put("title", title).put("kind", "PHOTO")
                .put("licence", new JsonObject().put("code", "CC_BY_4_0")).put("preview", preview)
                .put("audienceLevels", new JsonArray().add("GENERAL_PUBLIC").add("PRIMARY_SCHOOL"))
                .put("aiLabel", new JsonObject().put("aiGenerated", i == 0)).put("brand", null);
        return new JsonObject().put("cursor", "c" + i).put("highlights", highlights).put("node", node);
    }

    private static String answer(JsonArray edges) {
        return new JsonObject().put("data", new JsonObject().put("searchWorks", new JsonObject().put("totalCount", 31)
                .put("edges", edges)).put("topics", new JsonArray())).encode();
    }

    private static JsonObject image(String url) {
        return new JsonObject().put("thumbnailUrl", url).put("mediaType", "IMAGE");
    }

    private static JsonObject variables(String query) {
        return SearchPageFirstScreen.variables(query).orElseThrow();
    }

    @Test
    void onlyThePlainSearchGetsAFirstScreenWithTheVariablesIndexHtmlBuilds() {
        assertThat(variables(null)).isEqualTo(new JsonObject(
                "{\"query\":null,\"filter\":{},\"first\":24,\"after\":null,\"sort\":\"RELEVANCE\"}"));
        assertThat(variables("q=%E9%87%8F%E5%AD%90&sort=NEWEST")).isEqualTo(new JsonObject(
                "{\"query\":\"量子\",\"filter\":{},\"first\":24,\"after\":null,\"sort\":\"NEWEST\"}"));
        // As URLSearchParams reads it: + is a space, the first value counts, empty values are the defaults.
        assertThat(variables("q=a+b%2Bc&q=second").getString("query")).isEqualTo("a b+c");
        assertThat(variables("q=&sort=").getValue("query")).isNull();
        assertThat(variables("q=&sort=").getString("sort")).isEqualTo("RELEVANCE");
        assertThat(variables("q=100%&&").getString("query")).isEqualTo("100%");
        assertThat(variables("q=%E9%87").getString("query")).isEqualTo("\uFFFD");
        for (String other : List.of("kinds=PHOTO", "q=x&topics=a", "brandIds=b", "page=2", "q=x&ai=true", "=x")) {
            assertThat(SearchPageFirstScreen.variables(other)).as(other).isEmpty();
        }
    }

    @Test
    void embedsTheAnswerAndRendersTheFirstResultsEscaped() {
        // As the service sends them: the document's text HTML-escaped (search/text/Highlights), the markers not.
        JsonArray highlights = new JsonArray()
                .add(new JsonObject(Map.of("field", "title.zh", "fragments", new JsonArray().add("<em>量子</em>" + Html.escape(HOSTILE)))))
                .add(new JsonObject(Map.of("field", "description", "fragments",
                        new JsonArray().add("关于<em>" + Html.escape(HOSTILE) + "</em>的" + Html.escape("<b>说明</b>")).add("second"))));
        JsonArray edges = new JsonArray().add(edge(0, "量子" + HOSTILE, highlights, image("https://cdn.example/t.webp?a=1&b=2")))
                .add(edge(1, "第二" + HOSTILE, new JsonArray(), image("javascript:alert(1)")));
        String answer = answer(edges);
        JsonObject variables = variables("q=" + java.net.URLEncoder.encode(HOSTILE, java.nio.charset.StandardCharsets.UTF_8));
        String html = SearchPageFirstScreen.render(TEMPLATE, variables, answer).orElseThrow();

        String open = "<script type=\"application/json\" id=\"kepu-first-answer\" data-operation=\"SearchWorks\" data-path=\"/\">";
        assertThat(html).contains(open);
        String embedded = html.substring(html.indexOf(open) + open.length(), html.indexOf("</script>", html.indexOf(open)));
        assertThat(embedded).doesNotContain("<", ">", "&", "\u2028");
        assertThat(new JsonObject(embedded)).as("the same answer, read back").isEqualTo(new JsonObject(answer));

        String escaped = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;!--kepu:first-screen--&gt;&quot;&#39;&amp;\u2028";
        assertThat(html).as("nothing the visitor or an entrant typed is markup")
                .doesNotContain("<img src=x", "onerror=alert(1)>", "<b>", "src=\"javascript")
                .contains("class=\"ant-input ant-input-lg\" type=\"text\" value=\"" + escaped + "\">")
                .contains("<h2 class=\"hit-title\"><span class=\"hl\"><em>量子</em><span>" + escaped + "</span></span></h2>")
                .contains("<p class=\"muted hit-snippet\"><span class=\"hl\"><span>关于</span><em>" + escaped
                        + "</em><span>的&lt;b&gt;说明&lt;/b&gt;</span></span></p>")
                .contains("<h2 class=\"hit-title\">第二" + escaped + "</h2>");
        assertThat(html).as("the first thumbnail loads at once in its reserved box; an unsafe address shows the placeholder")
                .contains("<img class=\"thumb\" width=\"320\" height=\"240\" src=\"https://cdn.example/t.webp?a=1&amp;b=2\" alt=\"量子"
                        + escaped + "\" loading=\"eager\" fetchpriority=\"high\" decoding=\"async\">")
                .contains("<div class=\"thumb\" aria-hidden=\"true\" data-kind=\"PHOTO\"></div>");
        assertThat(html).as("the page's words, count, sort and tags")
                .contains("<h1 class=\"page-title\">科普作品检索</h1>", "<span>共 31 件作品</span>", "<span>检 索</span>",
                        "ant-segmented-item ant-segmented-item-selected ant-segmented-item-selected-text\"><input class=\"ant-segmented-item-input\" type=\"radio\" name=\"kepu-fs-sort\" value=\"RELEVANCE\" checked disabled><div class=\"ant-segmented-item-label\" title=\"相关度\">",
                        "<span class=\"ant-tag ant-tag-filled kepu-fs\">科普摄影</span>",
                        "<span class=\"ant-tag ant-tag-filled ant-tag-blue kepu-fs\">署名 4.0（CC BY）</span>",
                        "<span>AI 生成</span>")
                .containsSubsequence("ant-tag-green kepu-fs\">小学生", "ant-tag-green kepu-fs\">社会公众");
        assertThat(html).as("no ids or test ids of React's page in the shell")
                .doesNotContain("id=\"search-facets\"", "data-testid", "id=\"search-sort-label\"");
        assertThat(html).contains("<div id=\"boot\" class=\"app-layout\"><div class=\"app-body\"><main class=\"app-content first-screen\">")
                .contains("</main><div class=\"page-loading\"></div>");
    }

    @Test
    void rendersAtMostTheFirstCardsAndTheDefaultBoxWhenNothingWasSearched() {
        JsonArray edges = new JsonArray();
        for (int i = 0; i < 24; i++) {
            edges.add(edge(i, "作品" + i, new JsonArray(), image("/img/" + i + ".webp")));
        }
        String html = SearchPageFirstScreen.render(TEMPLATE, variables(null), answer(edges)).orElseThrow();
        assertThat(html.split("<li>", -1)).hasSize(SearchPageFirstScreen.CARDS + 1);
        assertThat(html).contains("value=\"\">", "ant-input-clear-icon ant-input-clear-icon-hidden")
                .contains("src=\"/img/1.webp\" alt=\"作品1\" loading=\"eager\"")
                .contains("src=\"/img/2.webp\" alt=\"作品2\" loading=\"lazy\"");
    }

    @Test
    void nothingIsRenderedForErrorsNoResultsOrNoAnswer() {
        JsonObject variables = variables("q=x");
        assertThat(SearchPageFirstScreen.render(TEMPLATE, variables, answer(new JsonArray()))).isEmpty();
        assertThat(SearchPageFirstScreen.render(TEMPLATE, variables,
                "{\"data\":null,\"errors\":[{\"message\":\"bad sort\"}]}")).isEmpty();
        assertThat(SearchPageFirstScreen.render(TEMPLATE, variables, "{\"data\":{\"searchWorks\":null}}")).isEmpty();
        assertThat(SearchPageFirstScreen.render(TEMPLATE, variables, "not json")).isEmpty();
    }

    @Test
    void highlightFragmentsAreCutOnlyAtTheExactMarkers() {
        assertThat(SearchPageFirstScreen.highlight("a<em>b</em>c<EM>d</EM><em x>e"))
                .isEqualTo("<span class=\"hl\"><span>a</span><em>b</em><span>c&lt;EM&gt;d&lt;/EM&gt;&lt;em x&gt;e</span></span>");
        assertThat(SearchPageFirstScreen.highlight("&lt;em&gt;a&lt;/em&gt;")).as("an escaped marker an entrant typed stays text")
                .isEqualTo("<span class=\"hl\"><span>&lt;em&gt;a&lt;/em&gt;</span></span>");
    }

    @Test
    void escapedHighlightsShowTheCharactersTheEntrantTyped() {
        // lib/highlight.test.ts has the same cases: React's page and this one show the same text.
        assertThat(SearchPageFirstScreen.highlight("a &lt; b &amp; <em>量子</em> &quot;c&quot; &#39;d&#39; &gt;"))
                .isEqualTo("<span class=\"hl\"><span>a &lt; b &amp; </span><em>量子</em><span> &quot;c&quot; &#39;d&#39; &gt;</span></span>");
        assertThat(SearchPageFirstScreen.highlight("&amp;lt; R&D &nbsp;")).as("decoded once; other ampersands as they are")
                .isEqualTo("<span class=\"hl\"><span>&amp;lt; R&amp;D &amp;nbsp;</span></span>");
        assertThat(Html.unescape(Html.escape("<a href=\"x\">&amp; 'y'</a>"))).isEqualTo("<a href=\"x\">&amp; 'y'</a>");
        assertThat(SearchPageFirstScreen.fragment(new JsonArray().add(new JsonObject(Map.of("field", "titleEn",
                "fragments", new JsonArray().add("x")))), "title")).as("another field whose name starts alike").isEqualTo(Optional.empty());
        assertThat(SearchPageFirstScreen.buttonText("检索")).isEqualTo("检 索");
        assertThat(SearchPageFirstScreen.buttonText("检索词")).isEqualTo("检索词");
    }
}
