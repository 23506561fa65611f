package cn.kepu.media.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.jboss.logging.Logger;

/**
 * A work page ({@code /works/{id}}) is sent with its first screen: the page's own first query ({@code WorkPage} in
 * {@code src/main/webui/src/pages/work/WorkPage.tsx}) asked of this service's {@code /graphql} as an anonymous visitor
 * (no token, Chinese), its answer embedded in index.html as JSON ({@code <script type="application/json"
 * id="kepu-first-answer">}) and the top of the page (title, preview with its size, credit line) rendered as HTML in
 * the boot shell. The browser paints the title before any script has run, and the application answers its first
 * request from the embedded answer (index.html's script, vite.config.ts plugin query-preload), so no round trip and no
 * render stand before the largest paint.
 *
 * <p>Only a published work's public answer is embedded: the query goes through the same gate, rate limit (charged to
 * the visitor's address through {@code X-Forwarded-For}, which the service believes from the loopback address,
 * {@code quarkus.http.proxy.trusted-proxies}) and resolvers as the browser's own request would. A request carrying
 * {@code Authorization}, an id that is not one, a work that is not published or unknown, an error, a slow answer
 * (over {@value #WAIT_MILLIS} ms) or a UI build without the markers (dev mode, API tests) all get the plain page
 * (Quinoa's SPA fallback). In the browser, a signed-in person or one reading English ignores the embedded answer and
 * the markup (index.html's script). Every text is escaped for where it goes: HTML text and attributes, and the JSON
 * inside the script element ({@code <}, {@code >}, {@code &} as {@code \\u003c}…).
 */
@ApplicationScoped
public class WorkPageFirstScreen {

    private static final Logger LOG = Logger.getLogger(WorkPageFirstScreen.class);

    /** After Quarkus's own routes (authentication at -200) and before Quinoa's SPA fallback (40 000). */
    private static final int ORDER = 10_000;
    static final long WAIT_MILLIS = 2_000;
    static final String ANSWER_MARK = "<!--kepu:first-answer-->";
    static final String SCREEN_MARK = "<!--kepu:first-screen-->";
    static final String BOOT = "<div id=\"boot\" class=\"app-layout\" aria-hidden=\"true\">";
    /** The boot shell shows content now: not hidden from assistive technology. */
    static final String BOOT_SHOWN = "<div id=\"boot\" class=\"app-layout\">";
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final Pattern SAFE_URL = Pattern.compile("^(https?://|/)[^\\s\"'<>]*$");

    /**
     * index.html cut at its markers, with what the build wrote for this (first-screen.json: the operation's text and
     * the markup's Chinese words); empty when the service carries no such build.
     */
    record Template(String head, String beforeBoot, String beforeScreen, String tail, String query, String creditLabel) {

        static Optional<Template> of(String page, String firstScreenJson) {
            int answer = page.indexOf(ANSWER_MARK);
            int boot = page.indexOf(BOOT);
            int screen = page.indexOf(SCREEN_MARK);
            if (answer < 0 || boot < answer || screen < boot) {
                return Optional.empty();
            }
            JsonObject build = new JsonObject(firstScreenJson);
            return Optional.of(new Template(page.substring(0, answer),
                    page.substring(answer + ANSWER_MARK.length(), boot), page.substring(boot + BOOT.length(), screen),
                    page.substring(screen + SCREEN_MARK.length()),
                    build.getJsonObject("operations").getString("WorkPage"),
                    build.getJsonObject("texts").getString("credit")));
        }
    }

    private final Vertx vertx;
    private final Optional<Template> template;
    private volatile HttpClient client;

    WorkPageFirstScreen(Vertx vertx) {
        this.vertx = vertx;
        this.template = load();
    }

    private static Optional<Template> load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream page = loader.getResourceAsStream("META-INF/resources/index.html");
                InputStream build = loader.getResourceAsStream("META-INF/resources/first-screen.json")) {
            if (page == null || build == null) {
                return Optional.empty();
            }
            Optional<Template> template = Template.of(new String(page.readAllBytes(), StandardCharsets.UTF_8),
                    new String(build.readAllBytes(), StandardCharsets.UTF_8));
            if (template.isEmpty()) {
                LOG.warn("index.html lacks the first-screen markers: work pages are served without their first screen");
            }
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(@Observes Router router) {
        if (template.isPresent()) {
            router.get("/works/:id").order(ORDER).handler(this::serve);
        }
    }

    private void serve(RoutingContext context) {
        HttpServerRequest request = context.request();
        String id = context.pathParam("id");
        if (request.headers().contains(HttpHeaders.AUTHORIZATION) || id == null || !ID.matcher(id).matches()
                || request.isSSL() || request.localAddress() == null) {
            context.next();
            return;
        }
        Template page = template.orElseThrow();
        ask(page, id, request).onComplete(answer -> {
            Optional<String> html = answer.succeeded() ? render(page, id, answer.result()) : Optional.empty();
            if (html.isEmpty()) {
                context.next();
                return;
            }
            // Quarkus compresses its own and Quinoa's responses, not a route added to the router: gzip here, or this
            // page travels at three times the size of the plain one.
            boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, WebAssetCaching.PAGE)
                    .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                    .putHeader(HttpHeaders.CONTENT_ENCODING, gzip ? "gzip" : "identity")
                    .end(gzip ? gzipped(html.get()) : Buffer.buffer(html.get()));
        });
    }

    /** Whether an Accept-Encoding header accepts gzip (listed, or {@code *}, without {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!name.equals("gzip") && !name.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (parameter.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(parameter.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    private static Buffer gzipped(String html) {
        var bytes = new ByteArrayOutputStream(html.length() / 2);
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(html.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(bytes.toByteArray());
    }

    /** The WorkPage query's answer as this service gives it to an anonymous visitor from the same address. */
    private Future<String> ask(Template page, String id, HttpServerRequest visitor) {
        JsonObject body = new JsonObject().put("operationName", "WorkPage").put("query", page.query())
                .put("variables", new JsonObject().put("id", id));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(visitor.localAddress().port()).setURI("/graphql")
                .setConnectTimeout(WAIT_MILLIS).setIdleTimeout(WAIT_MILLIS)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN");
        if (visitor.remoteAddress() != null) {
            options.putHeader("X-Forwarded-For", visitor.remoteAddress().hostAddress());
        }
        return client().request(options)
                .compose(outgoing -> outgoing.send(body.toBuffer()))
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.<Buffer>failedFuture("status " + response.statusCode()))
                .map(Buffer::toString);
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(8).setKeepAlive(true));
                }
                current = client;
            }
        }
        return current;
    }

    /**
     * The page for work {@code id} from the GraphQL answer, or empty when the answer is not a published work's
     * (errors, no work, another id, another status).
     */
    static Optional<String> render(Template page, String id, String answer) {
        JsonObject work;
        try {
            JsonObject json = new JsonObject(answer);
            JsonObject data = json.getJsonObject("data");
            work = data == null ? null : data.getJsonObject("work");
            if (json.getValue("errors") != null || work == null || !id.equals(work.getString("id"))
                    || !"PUBLISHED".equals(work.getString("status"))) {
                return Optional.empty();
            }
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
        String embedded = "<script type=\"application/json\" id=\"kepu-first-answer\" data-operation=\"WorkPage\" data-path=\""
                + html("/works/" + id) + "\">" + scriptJson(answer) + "</script>";
        return Optional.of(page.head() + embedded + page.beforeBoot() + BOOT_SHOWN + page.beforeScreen()
                + "<main class=\"app-content first-screen\">" + markup(work, page.creditLabel()) + "</main>"
                + page.tail());
    }

    /**
     * The top of WorkPage.tsx's page as React renders it (antd's class names and the page's inline styles, with the
     * theme's variables from {@code .kepu-fs}): the title, the first preview (or the kind's placeholder) and the
     * credit line, in Chinese.
     */
    static String markup(JsonObject work, String creditLabel) {
        String title = String.valueOf(work.getString("title"));
        return "<article><h1 class=\"ant-typography kepu-fs\" style=\"font-size:26px\">" + html(title) + "</h1>"
                + "<div class=\"judge-layout\" style=\"margin-top:16px\">"
                + "<div class=\"ant-card ant-card-bordered kepu-fs\"><div class=\"ant-card-body\" style=\"padding:0\">"
                + preview(work, title) + "</div></div>"
                + "<div class=\"ant-space ant-space-vertical ant-space-gap-row-small ant-space-gap-col-small kepu-fs\" style=\"width:100%\">"
                + "<div class=\"ant-space-item\"><div class=\"ant-card ant-card-bordered ant-card-small kepu-fs\">"
                + "<div class=\"ant-card-head\"><div class=\"ant-card-head-wrapper\"><div class=\"ant-card-head-title\">"
                + html(creditLabel) + "</div></div></div><div class=\"ant-card-body\">"
                + "<div class=\"ant-typography kepu-fs\" style=\"margin:0\">" + html(String.valueOf(work.getString("creditLine")))
                + "</div></div></div></div></div></div></article>";
    }

    /** The first preview: an image (a video's poster) with its size reserved, else the kind's placeholder. */
    private static String preview(JsonObject work, String title) {
        JsonArray previews = work.getJsonArray("previews");
        JsonObject first = previews == null || previews.isEmpty() ? null : previews.getJsonObject(0);
        String src = first == null ? null
                : "VIDEO".equals(first.getString("mediaType")) ? first.getString("posterUrl")
                : Optional.ofNullable(first.getString("previewUrl")).orElse(first.getString("thumbnailUrl"));
        if (src == null || !SAFE_URL.matcher(src).matches()) {
            return "<div class=\"thumb\" aria-hidden=\"true\" data-kind=\"" + html(String.valueOf(work.getString("kind")))
                    + "\"></div>";
        }
        String alt = previews.size() > 1 ? title + " (1/" + previews.size() + ")" : title;
        return "<div class=\"zoom-image\"><img decoding=\"async\"" + size("width", first.getValue("width"))
                + size("height", first.getValue("height")) + " fetchpriority=\"high\" src=\"" + html(src) + "\" alt=\""
                + html(alt) + "\"></div>";
    }

    private static String size(String attribute, Object value) {
        return value instanceof Number n && n.intValue() > 0 ? " " + attribute + "=\"" + n.intValue() + "\"" : "";
    }

    /** Text for HTML text and quoted attributes. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON for the inside of a script element: nothing in it can end the element ({@code </script>}) or open a
     * comment; the characters appear only inside JSON strings, where the escapes mean the same.
     */
    static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
