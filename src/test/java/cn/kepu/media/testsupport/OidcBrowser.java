package cn.kepu.media.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in (or signs up) at the OIDC provider the way the web application's browser does: authorization code flow
 * with PKCE (S256) for the public client {@code kepu-web}, through the provider's own HTML login and registration
 * forms, cookies kept, then the code exchanged for tokens. Nothing is shortcut: no direct grant, no admin API.
 */
public final class OidcBrowser {

    public static final String CLIENT_ID = "kepu-web";
    public static final String REDIRECT_URI = "http://localhost:8080/auth/callback";

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"(kc-form-login|kc-register-form)\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern ANY_FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern REGISTRATION_LINK = Pattern.compile("href=\"([^\"]*login-actions/registration[^\"]*)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuer;
    private final HttpClient http;
    /**
     * The provider's cookies (one host, one realm path). Kept by hand rather than by {@link java.net.CookieManager}:
     * Keycloak marks them {@code Secure}, which browsers still send to {@code http://127.0.0.1} and {@code localhost}
     * (potentially trustworthy origins) but the JDK's cookie manager never sends over plain HTTP.
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public OidcBrowser(String issuer) {
        this.issuer = issuer;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Signs in with a username (or e-mail) and password; returns the access token. */
    public String signIn(String username, String password) {
        Pkce pkce = Pkce.create();
        String page = get(authorizationUrl(pkce)).body();
        String action = formAction(page);
        return exchange(post(action, Map.of("username", username, "password", password, "credentialId", "")), pkce);
    }

    /** Self-registers through the provider's registration form; returns the access token of the new account. */
    public String signUp(String username, String email, String password, String firstName, String lastName) {
        Pkce pkce = Pkce.create();
        String loginPage = get(authorizationUrl(pkce)).body();
        Matcher link = REGISTRATION_LINK.matcher(loginPage);
        if (!link.find()) {
            throw new AssertionError("No registration link on the login page: self-registration is off?\n" + excerpt(loginPage));
        }
        String registrationPage = get(absolute(unescape(link.group(1)))).body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("email", email);
        form.put("firstName", firstName);
        form.put("lastName", lastName);
        form.put("password", password);
        form.put("password-confirm", password);
        return exchange(post(formAction(registrationPage), form), pkce);
    }

    private String authorizationUrl(Pkce pkce) {
        return issuer + "/protocol/openid-connect/auth?" + query(Map.of(
                "client_id", CLIENT_ID, "redirect_uri", REDIRECT_URI, "response_type", "code", "scope", "openid",
                "state", pkce.state(), "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
    }

    /** Follows the provider's answer to the redirect back to the app and trades the code for tokens. */
    private String exchange(HttpResponse<String> answer, Pkce pkce) {
        if (answer.statusCode() != 302) {
            throw new AssertionError("The provider did not redirect back (status " + answer.statusCode() + "):\n"
                    + excerpt(answer.body()));
        }
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        if (!location.toString().startsWith(REDIRECT_URI)) {
            throw new AssertionError("Redirected elsewhere: " + location);
        }
        Map<String, String> params = parseQuery(location.getRawQuery());
        if (!pkce.state().equals(params.get("state"))) {
            throw new AssertionError("state changed on the way: " + params);
        }
        String code = params.get("code");
        if (code == null) {
            throw new AssertionError("No code in " + location);
        }
        HttpResponse<String> tokens = post(issuer + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "client_id", CLIENT_ID,
                "code_verifier", pkce.verifier()));
        Matcher token = ACCESS_TOKEN.matcher(tokens.body());
        if (tokens.statusCode() != 200 || !token.find()) {
            throw new AssertionError("Token exchange failed (" + tokens.statusCode() + "): " + tokens.body());
        }
        return token.group(1);
    }

    /** Trading a code with the wrong verifier must fail: PKCE is enforced. Returns the token endpoint's status. */
    public int exchangeWithWrongVerifier(String username, String password) {
        Pkce pkce = Pkce.create();
        String page = get(authorizationUrl(pkce)).body();
        HttpResponse<String> answer = post(formAction(page), Map.of("username", username, "password", password));
        String code = parseQuery(URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawQuery()).get("code");
        return post(issuer + "/protocol/openid-connect/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "client_id", CLIENT_ID, "code_verifier", Pkce.create().verifier()))
                .statusCode();
    }

    private String formAction(String page) {
        Matcher form = FORM_ACTION.matcher(page);
        if (form.find()) {
            return absolute(unescape(form.group(2)));
        }
        Matcher any = ANY_FORM_ACTION.matcher(page);
        if (any.find()) {
            return absolute(unescape(any.group(1)));
        }
        throw new AssertionError("No form on the provider's page:\n" + excerpt(page));
    }

    private String absolute(String url) {
        return url.startsWith("http") ? url : URI.create(issuer).resolve(url).toString();
    }

    private HttpResponse<String> get(String url) {
        return send(withCookies(HttpRequest.newBuilder(URI.create(url))).GET().build());
    }

    private HttpResponse<String> post(String url, Map<String, String> form) {
        return send(withCookies(HttpRequest.newBuilder(URI.create(url)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form))).build());
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private void keepCookies(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            boolean expired = header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty();
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            keepCookies(response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the OIDC provider at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#61;", "=").replace("&#x3d;", "=");
    }

    private static String excerpt(String html) {
        String text = html.replaceAll("(?s)<script.*?</script>", "").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        return text.length() > 1500 ? text.substring(0, 1500) : text;
    }

    /** A PKCE verifier, its S256 challenge, and the state of one authorization request. */
    private record Pkce(String verifier, String challenge, String state) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest),
                        Long.toHexString(RANDOM.nextLong()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
