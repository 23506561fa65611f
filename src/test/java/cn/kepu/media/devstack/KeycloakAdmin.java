package cn.kepu.media.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few calls of Keycloak's admin REST API the local stack needs, with the bootstrap administrator's token. */
final class KeycloakAdmin {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final String base;
    private final String token;

    private KeycloakAdmin(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static KeycloakAdmin login(String base, String username, String password) throws IOException {
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(username) + "&password=" + encode(password);
        String body = request("POST", base + "/realms/master/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded", form);
        Matcher token = ACCESS_TOKEN.matcher(body);
        if (!token.find()) {
            throw new IOException("No access token in Keycloak's answer");
        }
        return new KeycloakAdmin(base, token.group(1));
    }

    /** {@code POST /admin/realms/<realm>/partialImport}: the JSON says what exists already is skipped or overwritten. */
    void partialImport(String realm, String json) throws IOException {
        request("POST", base + "/admin/realms/" + realm + "/partialImport", token, "application/json", json);
    }

    private static String request(String method, String url, String bearer, String contentType, String body)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(60000);
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", contentType);
        if (bearer != null) {
            connection.setRequestProperty("Authorization", "Bearer " + bearer);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status >= 300) {
                throw new IOException(method + " " + url + " answered " + status + ": " + answer);
            }
            return answer;
        } finally {
            connection.disconnect();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
