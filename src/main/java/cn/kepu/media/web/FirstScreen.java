package cn.kepu.media.web;

import cn.kepu.media.shared.Html;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.jboss.logging.Logger;

/**
 * What every page sent with its first screen shares (the work page, {@link WorkPageFirstScreen}; the plain search,
 * {@link SearchPageFirstScreen}): the page's own first query asked of this service's {@code /graphql} as an anonymous
 * visitor (no token, Chinese), its answer embedded in index.html as JSON ({@code <script type="application/json"
 * id="kepu-first-answer">}) and the page's top rendered as HTML in the boot shell by the page's renderer. The browser
 * paints it before any script has run, and the application answers its first request from the embedded answer
 * (index.html's script, vite.config.ts plugin query-preload), so no round trip and no render stand before the largest
 * paint.
 *
 * <p>The query goes through the same gate, rate limit (charged to the visitor's address through
 * {@code X-Forwarded-For}, which the service believes from the loopback address,
 * {@code quarkus.http.proxy.trusted-proxies}) and resolvers as the browser's own request would. A request carrying
 * {@code Authorization}, an error, a slow answer (over {@value #WAIT_MILLIS} ms), an answer the renderer refuses or a
 * UI build without the markers (dev mode, API tests) all get the plain page (Quinoa's SPA fallback). In the browser, a
 * signed-in person or one reading English ignores the embedded answer and the markup (index.html's script). Every
 * text is escaped for where it goes: HTML text and attributes ({@link #html}), and the JSON inside the script element
 * ({@link #scriptJson}).
 */
@ApplicationScoped
public class FirstScreen {

    private static final Logger LOG = Logger.getLogger(FirstScreen.class);

    /** After Quarkus's own routes (authentication at -200) and before Quinoa's SPA fallback (40 000). */
    static final int ORDER = 10_000;
    /**
     * For {@code /}, which Quinoa's file route (order 1 100) answers itself with index.html: after authentication, before
     * that route.
     */
    static final int ROOT_ORDER = 1_050;
    static final long WAIT_MILLIS = 2_000;
    static final String ANSWER_MARK = "<!--kepu:first-answer-->";
    static final String SCREEN_MARK = "<!--kepu:first-screen-->";
    static final String BOOT = "<div id=\"boot\" class=\"app-layout\" aria-hidden=\"true\">";
    /** The boot shell shows content now: not hidden from assistive technology. */
    static final String BOOT_SHOWN = "<div id=\"boot\" class=\"app-layout\">";
    private static final Pattern SAFE_URL = Pattern.compile("^(https?://|/)[^\\s\"'<>]*$");

    /**
     * index.html cut at its markers, with what the build wrote for this ({@code first-screen.json}: the operations'
     * text and the markup's Chinese words); empty when the service carries no such build.
     */
    record Template(String head, String beforeBoot, String beforeScreen, String tail, JsonObject build) {

        static Optional<Template> of(String page, String firstScreenJson) {
            int answer = page.indexOf(ANSWER_MARK);
            int boot = page.indexOf(BOOT);
            int screen = page.indexOf(SCREEN_MARK);
            if (answer < 0 || boot < answer || screen < boot) {
                return Optional.empty();
            }
            return Optional.of(new Template(page.substring(0, answer),
                    page.substring(answer + ANSWER_MARK.length(), boot), page.substring(boot + BOOT.length(), screen),
                    page.substring(screen + SCREEN_MARK.length()), new JsonObject(firstScreenJson)));
        }

        /** The text of a page's operation, as the page sends it. */
        String operation(String name) {
            return build.getJsonObject("operations").getString(name);
        }

        /** A word of the markup by its dotted key ({@code search.button}), or the key when the build lacks it. */
        String text(String key) {
            Object node = build.getJsonObject("texts");
            for (String part : key.split("\\.")) {
                node = node instanceof JsonObject o ? o.getValue(part) : null;
            }
            return node instanceof String s ? s : key;
        }

        /**
         * index.html with the answer of {@code operation} embedded for {@code path} (index.html's script uses it only
         * on that address) and {@code screen} shown in the boot shell.
         */
        String page(String operation, String path, String answer, String screen) {
            return head + "<script type=\"application/json\" id=\"kepu-first-answer\" data-operation=\"" + html(operation)
                    + "\" data-path=\"" + html(path) + "\">" + scriptJson(answer) + "</script>" + beforeBoot + BOOT_SHOWN
                    + beforeScreen + "<main class=\"app-content first-screen\">" + screen + "</main>" + tail;
        }
    }

    private final Vertx vertx;
    private final Optional<Template> template;
    private volatile HttpClient client;

    FirstScreen(Vertx vertx) {
        this.vertx = vertx;
        this.template = load();
    }

    /** Whether this service carries a UI build with the first-screen markers (pages register their routes then). */
    boolean available() {
        return template.isPresent();
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
                LOG.warn("index.html lacks the first-screen markers: pages are served without their first screen");
            }
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers a visitor's request with the page {@code render} makes of {@code operation}'s answer (given the template
     * and the answer's text; empty for the plain page), or passes it on to the plain page.
     */
    void serve(RoutingContext context, String operation, JsonObject variables,
            BiFunction<Template, String, Optional<String>> render) {
        HttpServerRequest request = context.request();
        if (!visitor(request)) {
            context.next();
            return;
        }
        Template page = template.orElseThrow();
        ask(page.operation(operation), operation, variables, request).onComplete(answer -> {
            Optional<String> html;
            try {
                html = answer.succeeded() ? render.apply(page, answer.result()) : Optional.empty();
            } catch (RuntimeException e) {
                LOG.debugf(e, "first screen of %s not rendered", operation);
                html = Optional.empty();
            }
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
                    .putHeader(HttpHeaders.VARY, "Accept-Encoding")
                    .putHeader(HttpHeaders.CONTENT_ENCODING, gzip ? "gzip" : "identity")
                    .end(gzip ? gzipped(html.get()) : Buffer.buffer(html.get()));
        });
    }

    /** A request that may get a first screen: an anonymous visitor's, over the plain connection the service asks on. */
    private static boolean visitor(HttpServerRequest request) {
        return !request.headers().contains(HttpHeaders.AUTHORIZATION) && !request.isSSL() && request.localAddress() != null;
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

    /** The operation's answer as this service gives it to an anonymous visitor from the same address. */
    private Future<String> ask(String query, String operation, JsonObject variables, HttpServerRequest visitor) {
        JsonObject body = new JsonObject().put("operationName", operation).put("query", query).put("variables", variables);
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

    /** An image address the markup may show: a web address or one on this service, nothing that runs. */
    static Optional<String> safeUrl(String url) {
        return url != null && SAFE_URL.matcher(url).matches() ? Optional.of(url) : Optional.empty();
    }

    /** Text for HTML text and quoted attributes. */
    static String html(String text) {
        return Html.escape(text);
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
