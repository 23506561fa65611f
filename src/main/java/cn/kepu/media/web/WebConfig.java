package cn.kepu.media.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** How the web application signs people in ({@code kepu.web.*}). */
@ConfigMapping(prefix = "kepu.web")
public interface WebConfig {

    /** Offer the demo-account picker (dev and test builds only, where {@code /dev/token} exists). */
    @WithDefault("false")
    boolean devSignIn();

    /** Logins the picker offers. */
    @WithDefault("entrant1,entrant2,judge1,judge2,moderator1,organizer1,media1")
    List<String> demoLogins();

    /** The OpenID Connect provider the browser signs in with (authorization code + PKCE). */
    Oidc oidc();

    interface Oidc {
        /** Issuer URL of the provider, e.g. {@code https://sso.example.cn/realms/kepu}; no OIDC sign-in when absent. */
        Optional<String> authority();

        /** Public client id registered for the web application (no secret: PKCE). */
        @WithDefault("kepu-web")
        String clientId();

        @WithDefault("openid profile email")
        String scope();
    }
}
