package cn.kepu.media.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cache headers of the web application's files (built by Quinoa, served by Quarkus's static handler, which marks
 * every file {@code public, immutable, max-age=86400} in a packaged service and nothing in tests):
 * <ul>
 * <li>{@code /assets/*}: Vite names each file by a hash of its content, so a browser keeps it a year and never asks
 * again ({@value #HASHED});</li>
 * <li>the page itself ({@code index.html}, also answered for deep links such as {@code /works/…}): {@value #PAGE}, so
 * a browser revalidates it (a 304 when unchanged) and picks up a new release at once;</li>
 * <li>other files (favicon…): a day, without {@code immutable} since their names do not change ({@value #OTHER}).</li>
 * </ul>
 * Only successful answers (200, 206, 304) outside the API's paths (Quinoa's ignored prefixes) are touched, and only
 * when nothing but the static handler chose a Cache-Control: API answers, errors and 404s keep theirs. Compression is
 * Quarkus's ({@code quarkus.http.enable-compression}, application.properties).
 */
@ApplicationScoped
public class WebAssetCaching {

    static final String HASHED = "public, max-age=31536000, immutable";
    static final String PAGE = "no-cache";
    static final String OTHER = "public, max-age=86400";

    /** Before Quinoa's SPA routing and the static handler, so the end handler sees what they answer. */
    private static final int ORDER = -1_000;
    private static final String STATIC_HANDLER_MARK = "public, immutable, max-age=";

    private final List<String> apiPrefixes;

    WebAssetCaching(@ConfigProperty(name = "quarkus.quinoa.ignored-path-prefixes", defaultValue = "/graphql,/api,/dev,/q")
            List<String> apiPrefixes) {
        this.apiPrefixes = List.copyOf(apiPrefixes);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::onWebFiles);
    }

    private void onWebFiles(RoutingContext context) {
        HttpMethod method = context.request().method();
        String path = context.normalizedPath();
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && !isApi(path)) {
            context.addHeadersEndHandler(ignored -> setCacheControl(path, context.response()));
        }
        context.next();
    }

    private boolean isApi(String path) {
        return apiPrefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/"));
    }

    /** The Cache-Control for a successful answer to {@code requestedPath}, or empty to leave the response's own. */
    static Optional<String> cacheControl(String requestedPath, int status, String contentType, String existing) {
        if ((existing != null && !existing.startsWith(STATIC_HANDLER_MARK)) || (status != 200 && status != 206 && status != 304)) {
            return Optional.empty();
        }
        String file = requestedPath.substring(requestedPath.lastIndexOf('/') + 1);
        if ((contentType != null && contentType.startsWith("text/html")) || !file.contains(".") || file.endsWith(".html")) {
            return Optional.of(PAGE); // the page (a 304 carries no type: /, /index.html and deep links are the page)
        }
        return Optional.of(requestedPath.startsWith("/assets/") ? HASHED : OTHER);
    }

    private static void setCacheControl(String requestedPath, HttpServerResponse response) {
        cacheControl(requestedPath, response.getStatusCode(), response.headers().get(HttpHeaders.CONTENT_TYPE),
                response.headers().get(HttpHeaders.CACHE_CONTROL))
                .ifPresent(value -> response.headers().set(HttpHeaders.CACHE_CONTROL, value));
    }
}
