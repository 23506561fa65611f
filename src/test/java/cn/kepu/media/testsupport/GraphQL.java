package cn.kepu.media.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Calls the running service's GraphQL endpoint as a given demo login (or anonymously), the way a client does:
 * over HTTP with a bearer token minted by the dev-only token endpoint.
 *
 * <p>Making a caller never calls the service: the token is fetched on the first request, so a caller may sit in a
 * {@code static final} field, which Java initialises before Quarkus has started the application (issue 9).
 */
public final class GraphQL {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** The bearer token, fetched once on first use; null for an anonymous caller. */
    private final Supplier<String> token;
    private final String acceptLanguage;

    private GraphQL(Supplier<String> token, String acceptLanguage) {
        this.token = token;
        this.acceptLanguage = acceptLanguage;
    }

    /** The same caller sending {@code Accept-Language} (e.g. {@code en}, {@code zh-CN}). */
    public GraphQL acceptLanguage(String languages) {
        return new GraphQL(token, languages);
    }

    public static GraphQL anonymous() {
        return new GraphQL(() -> null, null);
    }

    /** As a demo account, e.g. {@code entrant1}, {@code judge1}, {@code moderator1}, {@code organizer1}, {@code media1}. */
    public static GraphQL as(String login) {
        return new GraphQL(() -> TOKENS.computeIfAbsent(login,
                l -> given().get("/dev/token/" + l).then().statusCode(200).extract().asString()), null);
    }

    /** As any subject with the given roles (comma separated), registered or not; the token is minted on first use. */
    public static GraphQL asSubject(String subject, String roles) {
        return new GraphQL(once(() -> asSubjectToken(subject, roles)), null);
    }

    /** The raw bearer token for a subject with roles, e.g. to tamper with it. */
    public static String asSubjectToken(String subject, String roles) {
        return given().queryParam("subject", subject).queryParam("roles", roles)
                .get("/dev/token").then().statusCode(200).extract().asString();
    }

    public static GraphQL withToken(String rawToken) {
        return new GraphQL(() -> rawToken, null);
    }

    private static Supplier<String> once(Supplier<String> fetch) {
        return new Supplier<>() {
            private volatile String value;

            @Override
            public String get() {
                String result = value;
                if (result == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = fetch.get();
                        }
                        result = value;
                    }
                }
                return result;
            }
        };
    }

    public Response run(String query) {
        return run(query, Map.of());
    }

    public Response run(String query, Map<String, Object> variables) {
        RequestSpecification request = given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables));
        String bearer = token.get();
        if (bearer != null) {
            request = request.header("Authorization", "Bearer " + bearer);
        }
        if (acceptLanguage != null) {
            request = request.header("Accept-Language", acceptLanguage);
        }
        // 401 is how an invalid token is answered; its body is a GraphQL error like any other.
        JsonPath json = request.post("/graphql").then().statusCode(org.hamcrest.Matchers.oneOf(200, 401))
                .contentType(org.hamcrest.Matchers.containsString("json")).extract().jsonPath();
        return new Response(json);
    }

    /** A GraphQL response: data plus errors, with helpers for the assertions tests make most. */
    public record Response(JsonPath json) {

        public List<Map<String, Object>> errors() {
            List<Map<String, Object>> errors = json.getList("errors");
            return errors == null ? List.of() : errors;
        }

        /** The {@code extensions.code} of the first error, or null when there is none. */
        public String errorCode() {
            return errors().isEmpty() ? null : json.getString("errors[0].extensions.code");
        }

        public String errorField() {
            return errors().isEmpty() ? null : json.getString("errors[0].extensions.field");
        }

        public String errorMessage() {
            return errors().isEmpty() ? null : json.getString("errors[0].message");
        }

        public <T> T data(String path) {
            return json.get("data." + path);
        }

        public String string(String path) {
            return json.getString("data." + path);
        }

        /** Fails with the errors in the message when the response has any. */
        public Response ok() {
            if (!errors().isEmpty()) {
                throw new AssertionError("GraphQL errors: " + errors());
            }
            return this;
        }
    }
}
