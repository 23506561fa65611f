package cn.kepu.media.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.web.FirstScreen.Template;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The work page's first screen as text: what is embedded, how it is escaped, and what is never rendered. */
class WorkPageFirstScreenRenderTest {

    private static final String ID = "0b9f5e0e-8a55-4c4e-9a47-1b2c3d4e5f60";
    private static final String HOSTILE = "量子</script><img src=x onerror=alert(1)><!--kepu:first-screen-->\"'&\u2028";
    static final String PAGE = """
            <!doctype html><html><head><title>t</title>
            <!--kepu:first-answer-->
            <script>preload()</script></head><body><div id="root"></div>
            <div id="boot" class="app-layout" aria-hidden="true"><div class="app-body"><!--kepu:first-screen--><div class="page-loading"></div></div></div>
            </body></html>""";
    private static final Template TEMPLATE = Template.of(PAGE, """
            {"operations":{"WorkPage":"query WorkPage($id:ID!){work(id:$id){id}}"},"texts":{"credit":"署名"}}""").orElseThrow();

    private static JsonObject work(String status, Object previews) {
        return new JsonObject(Map.of("id", ID, "title", HOSTILE, "status", status, "kind", "PHOTO",
                "creditLine", "作者：" + HOSTILE, "previews", previews));
    }

    private static String answer(JsonObject work) {
        return new JsonObject().put("data", new JsonObject().put("work", work)).encode();
    }

    @Test
    void embedsThePublishedWorksAnswerAndRendersItsFirstScreenEscaped() {
        JsonArray previews = new JsonArray().add(new JsonObject(Map.of("mediaType", "IMAGE",
                "previewUrl", "https://cdn.example/p.webp?x=1&y=2", "width", 1280, "height", 960)));
        String answer = answer(work("PUBLISHED", previews));
        String html = WorkPageFirstScreen.render(TEMPLATE, ID, answer).orElseThrow();

        String open = "<script type=\"application/json\" id=\"kepu-first-answer\" data-operation=\"WorkPage\" data-path=\"/works/"
                + ID + "\">";
        assertThat(html).contains(open);
        String embedded = html.substring(html.indexOf(open) + open.length(), html.indexOf("</script>", html.indexOf(open)));
        assertThat(embedded).doesNotContain("<", ">", "&", "\u2028");
        assertThat(new JsonObject(embedded)).as("the same answer, read back").isEqualTo(new JsonObject(answer));
        assertThat(new JsonObject(embedded).getJsonObject("data").getJsonObject("work").getString("title")).isEqualTo(HOSTILE);

        assertThat(html).as("nothing of the title is markup").doesNotContain("<img src=x", "onerror=alert(1)>")
                .contains("<h1 class=\"ant-typography kepu-fs\" style=\"font-size:26px\">量子&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;!--kepu:first-screen--&gt;&quot;&#39;&amp;\u2028</h1>")
                .contains("作者：量子&lt;/script&gt;")
                .contains("<div class=\"ant-card-head-title\">署名</div>")
                .contains("<img decoding=\"async\" width=\"1280\" height=\"960\" fetchpriority=\"high\" src=\"https://cdn.example/p.webp?x=1&amp;y=2\" alt=\"量子&lt;/script&gt;");
        assertThat(html).as("the boot shell shows content: not aria-hidden")
                .contains("<div id=\"boot\" class=\"app-layout\"><div class=\"app-body\"><main class=\"app-content first-screen\">")
                .doesNotContain("aria-hidden=\"true\"><div class=\"app-body\">");
        assertThat(html).as("the spinner stays for visitors who do not use the first screen")
                .contains("</main><div class=\"page-loading\"></div>");
        assertThat(html.indexOf(open)).as("the answer precedes index.html's script that reads it")
                .isLessThan(html.indexOf("<script>preload()"));
    }

    @Test
    void aPreviewWhoseAddressIsNotAWebAddressIsNotRendered() {
        JsonArray previews = new JsonArray().add(new JsonObject(Map.of("mediaType", "IMAGE",
                "previewUrl", "javascript:alert(1)", "width", 10, "height", 10)));
        String html = WorkPageFirstScreen.render(TEMPLATE, ID, answer(work("PUBLISHED", previews))).orElseThrow();
        assertThat(html).contains("<div class=\"thumb\" aria-hidden=\"true\" data-kind=\"PHOTO\"></div>")
                .doesNotContain("src=\"javascript");
    }

    @Test
    void aVideoShowsItsPosterAndAWorkWithoutPreviewItsPlaceholder() {
        JsonArray video = new JsonArray().add(new JsonObject(Map.of("mediaType", "VIDEO",
                "previewUrl", "https://cdn.example/v.mp4", "posterUrl", "https://cdn.example/poster.jpg", "width", 640, "height", 360)))
                .add(new JsonObject(Map.of("mediaType", "IMAGE", "previewUrl", "https://cdn.example/2.webp")));
        assertThat(WorkPageFirstScreen.render(TEMPLATE, ID, answer(work("PUBLISHED", video))).orElseThrow())
                .contains("width=\"640\" height=\"360\" fetchpriority=\"high\" src=\"https://cdn.example/poster.jpg\" alt=\"量子&lt;/script&gt;")
                .contains(" (1/2)\"></div>");
        assertThat(WorkPageFirstScreen.render(TEMPLATE, ID, answer(work("PUBLISHED", new JsonArray()))).orElseThrow())
                .contains("<div class=\"thumb\" aria-hidden=\"true\" data-kind=\"PHOTO\"></div>");
    }

    @Test
    void nothingIsRenderedForAnUnpublishedWorkAnErrorAnotherWorkOrNoWork() {
        assertThat(WorkPageFirstScreen.render(TEMPLATE, ID, answer(work("DRAFT", new JsonArray())))).isEmpty();
        assertThat(WorkPageFirstScreen.render(TEMPLATE, ID, answer(work("IN_MODERATION", new JsonArray())))).isEmpty();
        assertThat(WorkPageFirstScreen.render(TEMPLATE, "another", answer(work("PUBLISHED", new JsonArray())))).isEmpty();
        assertThat(WorkPageFirstScreen.render(TEMPLATE, ID, "{\"data\":{\"work\":null},\"errors\":[{\"message\":\"not found\"}]}"))
                .isEmpty();
        assertThat(WorkPageFirstScreen.render(TEMPLATE, ID, "{\"data\":null}")).isEmpty();
        assertThat(WorkPageFirstScreen.render(TEMPLATE, ID, "not json")).isEmpty();
    }

    @Test
    void gzipIsSentOnlyWhereTheBrowserAcceptsIt() {
        assertThat(FirstScreen.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(FirstScreen.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(FirstScreen.acceptsGzip("*")).isTrue();
        assertThat(FirstScreen.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(FirstScreen.acceptsGzip("gzip; q=0.0, identity")).isFalse();
        assertThat(FirstScreen.acceptsGzip("identity")).isFalse();
        assertThat(FirstScreen.acceptsGzip("deflate, br")).isFalse();
        assertThat(FirstScreen.acceptsGzip(null)).isFalse();
    }

    @Test
    void aPageWithoutTheMarkersHasNoTemplate() {
        assertThat(Template.of("<html><body><div id=\"root\"></div></body></html>", "{}")).isEmpty();
    }
}
