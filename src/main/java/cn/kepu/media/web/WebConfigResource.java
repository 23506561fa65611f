package cn.kepu.media.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Public sign-in settings for the browser application; nothing secret (PKCE needs no client secret). */
@Path("/api/web-config")
public class WebConfigResource {

    /** The answer: which sign-in ways exist here. */
    public record Settings(boolean devSignIn, OidcSettings oidc, List<String> demoLogins) {
    }

    public record OidcSettings(String authority, String clientId, String scope) {
    }

    private final WebConfig config;

    public WebConfigResource(WebConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response settings() {
        OidcSettings oidc = config.oidc().authority()
                .filter(a -> !a.isBlank())
                .map(a -> new OidcSettings(a, config.oidc().clientId(), config.oidc().scope()))
                .orElse(null);
        boolean dev = config.devSignIn();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(new Settings(dev, oidc, dev ? config.demoLogins() : List.of())).cacheControl(cache).build();
    }
}
