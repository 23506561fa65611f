package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.TokenFailures;
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
import java.util.Locale;
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
        respond(context, 401, ErrorCode.UNAUTHENTICATED, TokenFailures.message(context.failure()));
    }

    private void check(RoutingContext context) {
        String body = context.body().asString();
        String contentType = String.valueOf(context.request().getHeader("Content-Type"));
        if (contentType.startsWith("application/graphql")) {
            checkDocument(context, body);
            return;
        }
        if (body == null || body.isBlank()) {
            refuse(context, ErrorCode.INVALID_QUERY, Msg.of("shared.gate.noBody"));
            return;
        }
        if (body.stripLeading().startsWith("[")) {
            refuse(context, ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.gate.batch"));
            return;
        }
        try {
            Object query = new JsonObject(body).getValue("query");
            if (!(query instanceof String text)) {
                refuse(context, ErrorCode.INVALID_QUERY, Msg.of("shared.gate.noQuery"));
                return;
            }
            checkDocument(context, text);
        } catch (DecodeException e) {
            refuse(context, ErrorCode.INVALID_QUERY, Msg.of("shared.gate.notJson"));
        }
    }

    private void checkDocument(RoutingContext context, String document) {
        try {
            new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                    .document(document).parserOptions(parserOptions).build());
            context.next();
        } catch (ParseCancelledException e) {
            refuse(context, ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.tokens", parserOptions.getMaxTokens()));
        } catch (InvalidSyntaxException e) {
            refuse(context, ErrorCode.INVALID_QUERY, EngineMessages.translate(e.getMessage(), null));
        }
    }

    private static void refuse(RoutingContext context, ErrorCode code, Msg message) {
        respond(context, 200, code, message);
    }

    /** A GraphQL error response in the language the request asks for (Accept-Language; Chinese by default). */
    private static void respond(RoutingContext context, int status, ErrorCode code, Msg message) {
        Locale locale = Messages.fromAcceptLanguage(context.request().getHeader("Accept-Language"));
        JsonObject error = new JsonObject().put("message", message.in(locale))
                .put("extensions", new JsonObject(Map.of("code", code.name())));
        context.response()
                .putHeader("Content-Type", "application/graphql-response+json; charset=utf-8")
                .setStatusCode(status)
                .end(new JsonObject().put("errors", new JsonArray(List.of(error))).put("data", null).encode());
    }
}
