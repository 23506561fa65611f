package cn.kepu.media.web;

import static cn.kepu.media.web.FirstScreen.html;

import cn.kepu.media.shared.Html;
import cn.kepu.media.web.FirstScreen.Template;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plain search page ({@code /}, {@code /?q=…&sort=…}) is sent with its first screen ({@link FirstScreen}): the
 * page's own first query ({@code SearchWorks} in {@code src/main/webui/src/pages/search/SearchPage.tsx}, with the
 * variables index.html's script builds) asked as an anonymous visitor, and what a phone shows of the page before any
 * scrolling rendered as HTML: the search box with the words searched for, the result count and sort, and the first
 * result cards (thumbnail with its box reserved, title, highlighted snippet, tags). Any other parameter (facets,
 * filters) gets the plain page, as index.html's script then asks for itself; so does an answer without results, and
 * the cases {@link FirstScreen} falls back on.
 */
@ApplicationScoped
public class SearchPageFirstScreen {

    /** Results rendered: a phone shows one or two, a wide screen two rows of four; React renders the rest. */
    static final int CARDS = 8;
    /** SearchPage.tsx's page size, in the variables index.html's script sends. */
    private static final int PAGE = 24;
    private static final Set<String> PLAIN = Set.of("q", "sort");
    private static final List<String> SORTS = List.of("RELEVANCE", "NEWEST", "MOST_DOWNLOADED");
    /** lib/labels.ts AUDIENCE_ORDER: the order people read them in. */
    private static final List<String> AUDIENCE_ORDER = List.of("PRESCHOOL", "PRIMARY_SCHOOL", "SECONDARY_SCHOOL",
            "UNIVERSITY", "GENERAL_PUBLIC", "PROFESSIONAL");
    private static final String CLEAR_ICON = "<span role=\"img\" aria-label=\"close-circle\" class=\"anticon anticon-close-circle\">"
            + "<svg fill-rule=\"evenodd\" viewBox=\"64 64 896 896\" focusable=\"false\" data-icon=\"close-circle\" width=\"1em\" height=\"1em\" fill=\"currentColor\" aria-hidden=\"true\">"
            + "<path d=\"M512 64c247.4 0 448 200.6 448 448S759.4 960 512 960 64 759.4 64 512 264.6 64 512 64zm127.98 274.82h-.04l-.08.06L512 466.75 384.14 338.88c-.04-.05-.06-.06-.08-.06a.12.12 0 00-.07 0c-.03 0-.05.01-.09.05l-45.02 45.02a.2.2 0 00-.05.09.12.12 0 000 .07v.02a.27.27 0 00.06.06L466.75 512 338.88 639.86c-.05.04-.06.06-.06.08a.12.12 0 000 .07c0 .03.01.05.05.09l45.02 45.02a.2.2 0 00.09.05.12.12 0 00.07 0c.02 0 .04-.01.08-.05L512 557.25l127.86 127.87c.04.04.06.05.08.05a.12.12 0 00.07 0c.03 0 .05-.01.09-.05l45.02-45.02a.2.2 0 00.05-.09.12.12 0 000-.07v-.02a.27.27 0 00-.05-.06L557.25 512l127.87-127.86c.04-.04.05-.06.05-.08a.12.12 0 000-.07c0-.03-.01-.05-.05-.09l-45.02-45.02a.2.2 0 00-.09-.05.12.12 0 00-.07 0z\"></path></svg></span>";
    private static final String SPACE = "ant-space ant-space-horizontal ant-space-align-center";
    /** Context data: the path the browser asked for, before any reroute. */
    private static final String REQUESTED = "kepu.first-screen.requested-path";
    /** Before any route that could reroute (authentication is at -200). */
    private static final int REQUESTED_ORDER = -1_100;

    private final FirstScreen firstScreen;

    SearchPageFirstScreen(FirstScreen firstScreen) {
        this.firstScreen = firstScreen;
    }

    void register(@Observes Router router) {
        if (firstScreen.available()) {
            // Quinoa's SPA fallback reroutes every deep link it does not know (and a work page without its first
            // screen) to /: remember the address the browser asked for, which a reroute keeps in the context's data.
            router.route().order(REQUESTED_ORDER).handler(context -> {
                context.data().putIfAbsent(REQUESTED, context.request().path());
                context.next();
            });
            router.get("/").order(FirstScreen.ROOT_ORDER).handler(this::serve);
        }
    }

    private void serve(RoutingContext context) {
        Optional<JsonObject> variables = "/".equals(context.request().path()) && "/".equals(context.get(REQUESTED))
                ? variables(context.request().query()) : Optional.empty();
        if (variables.isEmpty()) {
            context.next();
            return;
        }
        firstScreen.serve(context, "SearchWorks", variables.get(), (page, answer) -> render(page, variables.get(), answer));
    }

    /**
     * The variables of the page's first query as index.html's script builds them from the address, for a plain search
     * (only {@code q} and {@code sort}); empty for any other parameter. The query is read as the browser's
     * URLSearchParams reads it, so both ask the same.
     */
    static Optional<JsonObject> variables(String rawQuery) {
        Map<String, String> first = new LinkedHashMap<>();
        for (String[] pair : formParameters(rawQuery)) {
            if (!PLAIN.contains(pair[0])) {
                return Optional.empty();
            }
            first.putIfAbsent(pair[0], pair[1]);
        }
        String q = first.get("q");
        String sort = first.get("sort");
        return Optional.of(new JsonObject().put("query", q == null || q.isEmpty() ? null : q)
                .put("filter", new JsonObject()).put("first", PAGE).putNull("after")
                .put("sort", sort == null || sort.isEmpty() ? "RELEVANCE" : sort));
    }

    /**
     * application/x-www-form-urlencoded parsing as the WHATWG URL standard (URLSearchParams) does it: {@code +} is a
     * space, {@code %XX} a byte, a {@code %} without two hex digits stays, bytes are read as UTF-8 (invalid ones as
     * U+FFFD), empty pieces are skipped.
     */
    static List<String[]> formParameters(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery == null) {
            return pairs;
        }
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            pairs.add(new String[] {percentDecode(eq < 0 ? piece : piece.substring(0, eq)),
                    eq < 0 ? "" : percentDecode(piece.substring(eq + 1))});
        }
        return pairs;
    }

    private static String percentDecode(String text) {
        byte[] bytes = text.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /**
     * The search page for {@code variables} from the GraphQL answer, or empty when the answer has errors or no
     * results (the page then shows its own message).
     */
    static Optional<String> render(Template page, JsonObject variables, String answer) {
        JsonObject search;
        try {
            JsonObject json = new JsonObject(answer);
            JsonObject data = json.getJsonObject("data");
            search = data == null ? null : data.getJsonObject("searchWorks");
            if (json.getValue("errors") != null || search == null || search.getJsonArray("edges") == null
                    || search.getJsonArray("edges").isEmpty()) {
                return Optional.empty();
            }
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
        return Optional.of(page.page("SearchWorks", "/", answer, markup(page, variables, search)));
    }

    /**
     * The top of SearchPage.tsx's page as React renders it on a phone (its elements, antd's class names and inline
     * styles, with the theme's variables from {@code .kepu-fs}), in Chinese. No ids and no test ids: React's page
     * carries those, and this markup is removed once it shows (src/lib/firstScreen.ts).
     */
    static String markup(Template page, JsonObject variables, JsonObject search) {
        String query = Optional.ofNullable(variables.getString("query")).orElse("");
        String sort = variables.getString("sort");
        StringBuilder out = new StringBuilder(8_192);
        out.append("<div><h1 class=\"page-title\">").append(html(page.text("search.title"))).append("</h1>");
        // A real form: a visitor who searches before the application has started gets the next page from here.
        out.append("<form role=\"search\" action=\"/\" style=\"margin-bottom:16px\">")
                .append("<div class=\"ant-space-compact\" style=\"width:100%;max-width:720px\">")
                .append("<span class=\"ant-input-affix-wrapper ant-input-affix-wrapper-lg ant-input-outlined kepu-fs ant-input-css-var ant-input-compact-item ant-input-compact-first-item\">")
                .append("<input name=\"q\" autocomplete=\"off\" aria-label=\"").append(html(page.text("search.inputLabel")))
                .append("\" placeholder=\"").append(html(page.text("search.placeholder")))
                .append("\" class=\"ant-input ant-input-lg\" type=\"text\" value=\"").append(html(query)).append("\">")
                .append("<span class=\"ant-input-suffix\"><button type=\"button\" tabindex=\"-1\" class=\"ant-input-clear-icon")
                .append(query.isEmpty() ? " ant-input-clear-icon-hidden" : "").append("\">").append(CLEAR_ICON)
                .append("</button></span></span>")
                .append("<button type=\"submit\" class=\"ant-btn kepu-fs ant-btn-primary ant-btn-color-primary ant-btn-variant-solid ant-btn-lg ant-btn-compact-item ant-btn-compact-last-item\"><span>")
                .append(html(buttonText(page.text("search.button")))).append("</span></button></div></form>");
        String filters = html(page.text("search.filters"));
        out.append("<div class=\"search-layout\"><a class=\"facets-jump\" href=\"#search-facets\">").append(filters)
                .append("</a><aside class=\"search-facets\" aria-label=\"").append(filters).append("\"></aside>")
                .append("<section class=\"search-results\">");
        String total = page.text("search.total").replace("{{count}}", String.valueOf(search.getValue("totalCount")));
        out.append("<div class=\"").append(SPACE).append(" ant-space-gap-row-small ant-space-gap-col-small kepu-fs\"")
                .append(" style=\"flex-wrap:wrap;margin-bottom:12px;justify-content:space-between;width:100%\">")
                .append("<div class=\"ant-space-item\"><span>").append(html(total)).append("</span></div>")
                .append("<div class=\"ant-space-item\"><div class=\"").append(SPACE)
                .append(" ant-space-gap-row-small ant-space-gap-col-small kepu-fs\" style=\"flex-wrap:wrap\">")
                .append("<div class=\"ant-space-item\"><span>").append(html(page.text("search.sort"))).append("</span></div>")
                .append("<div class=\"ant-space-item\"><div role=\"radiogroup\" aria-label=\"").append(html(page.text("search.sort")))
                .append("\" aria-orientation=\"horizontal\" class=\"ant-segmented kepu-fs\"><div class=\"ant-segmented-group\">");
        for (String option : SORTS) {
            boolean selected = option.equals(sort);
            String label = html(page.text("search.sorts." + option));
            out.append("<label class=\"ant-segmented-item")
                    .append(selected ? " ant-segmented-item-selected ant-segmented-item-selected-text" : "")
                    .append("\"><input class=\"ant-segmented-item-input\" type=\"radio\" name=\"kepu-fs-sort\" value=\"")
                    .append(option).append("\"")
                    .append(selected ? " checked" : "").append(" disabled><div class=\"ant-segmented-item-label\" title=\"")
                    .append(label).append("\">").append(label).append("</div></label>");
        }
        out.append("</div></div></div></div></div></div>");
        out.append("<ul class=\"thumb-grid\" style=\"list-style:none;padding:0;margin:0\">");
        JsonArray edges = search.getJsonArray("edges");
        for (int i = 0; i < Math.min(CARDS, edges.size()); i++) {
            out.append(card(page, edges.getJsonObject(i), i));
        }
        return out.append("</ul></section></div></div>").toString();
    }

    /** One result as SearchPage.tsx's card: cover, title (highlighted), snippet (highlighted), kind, licence, labels. */
    private static String card(Template page, JsonObject edge, int index) {
        JsonObject node = edge.getJsonObject("node");
        JsonArray highlights = edge.getJsonArray("highlights");
        String title = String.valueOf(node.getString("title"));
        String kind = String.valueOf(node.getString("kind"));
        StringBuilder out = new StringBuilder(1_024);
        out.append("<li><div class=\"ant-card ant-card-bordered ant-card-hoverable kepu-fs\"><div class=\"ant-card-cover\">")
                .append(thumb(node, kind, title, index < 2)).append("</div><div class=\"ant-card-body\" style=\"padding:12px\">")
                .append("<a href=\"/works/").append(html(String.valueOf(node.getString("id")))).append("\"><h2 class=\"hit-title\">");
        Optional<String> titleFragment = fragment(highlights, "title");
        out.append(titleFragment.map(SearchPageFirstScreen::highlight).orElse(html(title))).append("</h2></a>");
        fragment(highlights, "description").ifPresent(f -> out.append("<p class=\"muted hit-snippet\">").append(highlight(f)).append("</p>"));
        out.append("<div class=\"").append(SPACE).append(" kepu-fs\" style=\"flex-wrap:wrap;column-gap:4px;row-gap:4px\">")
                .append(tag("", html(page.text("search.kinds." + kind))));
        JsonObject licence = node.getJsonObject("licence");
        if (licence != null) {
            out.append(tag(" ant-tag-blue", html(page.text("search.licences." + licence.getString("code")))));
        }
        JsonObject ai = node.getJsonObject("aiLabel");
        if (ai != null && Boolean.TRUE.equals(ai.getBoolean("aiGenerated"))) {
            out.append("<div class=\"ant-space-item\"><span title=\"").append(html(page.text("search.aiTooltip")))
                    .append("\" class=\"ant-tag ant-tag-filled ant-tag-purple kepu-fs\"><span class=\"anticon\" aria-hidden=\"true\" style=\"width:1em;height:1em\"></span><span>")
                    .append(html(page.text("search.ai"))).append("</span></span></div>");
        }
        for (String audience : audiences(node.getJsonArray("audienceLevels"))) {
            out.append(tag(" ant-tag-green", html(page.text("search.audiences." + audience))));
        }
        JsonObject brand = node.getJsonObject("brand");
        if (brand != null) {
            out.append(tag(" ant-tag-geekblue", "<a href=\"/?brandIds="
                    + html(URLEncoder.encode(String.valueOf(brand.getString("id")), StandardCharsets.UTF_8).replace("+", "%20"))
                    + "\">" + html(String.valueOf(brand.getString("name"))) + "</a>"));
        }
        return out.append("</div></div></div></li>").toString();
    }

    /**
     * WorkThumb.tsx: the 320 px thumbnail (lib/thumbs.ts: else a poster, else an image's preview) in the card's 4:3
     * box, the first two loaded at once, the others when scrolled to; else the kind's placeholder.
     */
    private static String thumb(JsonObject node, String kind, String title, boolean priority) {
        JsonObject preview = node.getJsonObject("preview");
        String url = null;
        if (preview != null) {
            url = Optional.ofNullable(preview.getString("thumbnailUrl")).or(() -> Optional.ofNullable(preview.getString("posterUrl")))
                    .orElse("VIDEO".equals(preview.getString("mediaType")) ? null : preview.getString("previewUrl"));
        }
        return FirstScreen.safeUrl(url).map(src -> "<img class=\"thumb\" width=\"320\" height=\"240\" src=\"" + html(src)
                + "\" alt=\"" + html(title) + "\" loading=\"" + (priority ? "eager\" fetchpriority=\"high\"" : "lazy\"")
                + " decoding=\"async\">")
                .orElse("<div class=\"thumb\" aria-hidden=\"true\" data-kind=\"" + html(kind) + "\"></div>");
    }

    private static String tag(String color, String content) {
        return "<div class=\"ant-space-item\"><span class=\"ant-tag ant-tag-filled" + color + " kepu-fs\">" + content
                + "</span></div>";
    }

    /** lib/highlight.ts fragmentFor: the first fragment of the field (or a sub-field, {@code title.zh}). */
    static Optional<String> fragment(JsonArray highlights, String field) {
        if (highlights == null) {
            return Optional.empty();
        }
        for (int i = 0; i < highlights.size(); i++) {
            JsonObject h = highlights.getJsonObject(i);
            String name = String.valueOf(h.getString("field"));
            if (name.equals(field) || name.startsWith(field + ".")) {
                JsonArray fragments = h.getJsonArray("fragments");
                return fragments == null || fragments.isEmpty() ? Optional.empty() : Optional.ofNullable(fragments.getString(0));
            }
        }
        return Optional.empty();
    }

    /**
     * lib/Highlight.tsx: a fragment from the search (the document's text HTML-escaped by search/text/Highlights, with
     * matches between the exact markers {@code <em>} and {@code </em>}) as text, the matches in {@code <em>}: each
     * piece between markers is unescaped to the characters the entrant typed and escaped again, so {@code a < b & c}
     * shows as typed (not {@code &lt;}) and nothing else of the fragment is ever markup.
     */
    static String highlight(String fragment) {
        StringBuilder out = new StringBuilder("<span class=\"hl\">");
        boolean match = false;
        for (String part : fragment.split("(?=<em>)|(?<=<em>)|(?=</em>)|(?<=</em>)")) {
            if (part.equals("<em>")) {
                match = true;
            } else if (part.equals("</em>")) {
                match = false;
            } else if (!part.isEmpty()) {
                out.append(match ? "<em>" : "<span>").append(html(Html.unescape(part))).append(match ? "</em>" : "</span>");
            }
        }
        return out.append("</span>").toString();
    }

    /** lib/labels.ts workLabels: distinct audiences, known ones in reading order, unknown last. */
    private static List<String> audiences(JsonArray levels) {
        Set<String> distinct = new LinkedHashSet<>();
        if (levels != null) {
            levels.forEach(level -> distinct.add(String.valueOf(level)));
        }
        List<String> sorted = new ArrayList<>(distinct);
        sorted.sort(Comparator.comparingInt(a -> AUDIENCE_ORDER.contains(a) ? AUDIENCE_ORDER.indexOf(a)
                : AUDIENCE_ORDER.size()));
        return sorted;
    }

    /** antd's Button puts a space between exactly two Chinese characters (检索 → 检 索). */
    static String buttonText(String text) {
        return text.length() == 2 && text.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                ? text.charAt(0) + " " + text.charAt(1) : text;
    }
}
