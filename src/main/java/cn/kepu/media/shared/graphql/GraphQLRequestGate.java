package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.ErrorCode;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;

/**
 * The first gate of {@code POST /graphql}, ahead of SmallRye GraphQL: refuses request batches, documents that do
 * not parse within the token budget and invalid bearer tokens, with a GraphQL error carrying {@code extensions.code}. SmallRye reports a
 * syntax error as a bare "Unparseable input document" without a code, and parses before any instrumentation could
 * add one; answering here also means a hostile document costs one bounded parse and nothing more.
 */
@ApplicationScoped
public class GraphQLRequestGate {

    /** Ahead of the routes extensions register (SmallRye GraphQL's among them). */
    private static final int ORDER = -1_000;
    private static final long MAX_BODY_BYTES = 256 * 1024;

    private final ParserOptions parserOptions;

    public GraphQLRequestGate(GraphQLLimits limits) {
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(
                options -> options.maxTokens(limits.maxTokens()).captureSourceLocation(false));
        // graphql-java parses operations with these defaults; SmallRye only sets the SDL defaults.
        ParserOptions.setDefaultOperationParserOptions(parserOptions);
    }

    void register(@Observes Router router) {
        router.post("/graphql").order(ORDER).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.post("/graphql").order(ORDER + 1).handler(this::check);
        router.route("/graphql").order(ORDER).failureHandler(this::authenticationFailure);
    }

    /**
     * A token that fails verification (bad signature, expired, wrong issuer) ends the request before GraphQL runs;
     * answer it as a GraphQL error too, keeping HTTP 401 and the bearer challenge for clients that look at those.
     */
    private void authenticationFailure(RoutingContext context) {
        if (!(context.failure() instanceof AuthenticationFailedException) || context.response().ended()) {
            context.next();
            return;
        }
        context.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        respond(context, 401, ErrorCode.UNAUTHENTICATED, "The bearer token is not valid (signature, issuer or expiry)");
    }

    private void check(RoutingContext context) {
        String body = context.body().asString();
        String contentType = String.valueOf(context.request().getHeader("Content-Type"));
        if (contentType.startsWith("application/graphql")) {
            checkDocument(context, body);
            return;
        }
        if (body == null || body.isBlank()) {
            refuse(context, ErrorCode.INVALID_QUERY, "The request has no body; send {\"query\": \"...\"}");
            return;
        }
        if (body.stripLeading().startsWith("[")) {
            refuse(context, ErrorCode.QUERY_TOO_LARGE, "Batched requests are not accepted: send one operation per request");
            return;
        }
        try {
            Object query = new JsonObject(body).getValue("query");
            if (!(query instanceof String text)) {
                refuse(context, ErrorCode.INVALID_QUERY, "The request body needs a \"query\" string");
                return;
            }
            checkDocument(context, text);
        } catch (DecodeException e) {
            refuse(context, ErrorCode.INVALID_QUERY, "The request body is not valid JSON");
        }
    }

    private void checkDocument(RoutingContext context, String document) {
        try {
            new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                    .document(document).parserOptions(parserOptions).build());
            context.next();
        } catch (ParseCancelledException e) {
            refuse(context, ErrorCode.QUERY_TOO_LARGE, "The query has more than " + parserOptions.getMaxTokens()
                    + " tokens");
        } catch (InvalidSyntaxException e) {
            refuse(context, ErrorCode.INVALID_QUERY, "Invalid GraphQL syntax: " + e.getMessage());
        }
    }

    private static void refuse(RoutingContext context, ErrorCode code, String message) {
        respond(context, 200, code, message);
    }

    private static void respond(RoutingContext context, int status, ErrorCode code, String message) {
        JsonObject error = new JsonObject().put("message", message)
                .put("extensions", new JsonObject(Map.of("code", code.name())));
        context.response()
                .putHeader("Content-Type", "application/graphql-response+json; charset=utf-8")
                .setStatusCode(status)
                .end(new JsonObject().put("errors", new JsonArray(List.of(error))).put("data", null).encode());
    }
}
