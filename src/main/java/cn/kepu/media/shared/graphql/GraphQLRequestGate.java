package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.TokenFailures;
import cn.kepu.media.shared.ratelimit.RateLimitConfig;
import cn.kepu.media.shared.ratelimit.RateLimiter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The gate of {@code /graphql}, ahead of SmallRye GraphQL and on the event loop, so every refusal here costs
 * microseconds and never takes a worker thread:
 * <ol>
 * <li>per-caller rate limiting ({@link RateLimiter}), every request charged exactly once and before its body is read:
 * callers without a token by client address; callers with one by subject, right after the token is verified; a token
 * that fails verification (forged, expired, malformed) is charged to the client address and refused with 401, or 429
 * when the address's budget is spent, whether that is known here or only once PostgreSQL answers;</li>
 * <li>the body: size ({@code QUERY_TOO_LARGE}, HTTP 413), batches, JSON shape;</li>
 * <li>the document (POST body or GET {@code query}): a lexical count ({@link DocumentScan}: tokens, fragments, spreads)
 * before anything is parsed, then one parse within the token budget, then {@link DocumentCost} (expanded size,
 * aliases, top-level fields, depth).</li>
 * <li>then, and only then, an anonymous query may be answered from the {@link PublicAnswerCache}.</li>
 * </ol>
 * Every refusal is a GraphQL error with {@code extensions.code}, in the caller's language. SmallRye reports a syntax
 * error as a bare "Unparseable input document" without a code, which is one more reason to parse here.
 */
@ApplicationScoped
public class GraphQLRequestGate {

    /** Ahead of the routes extensions register (SmallRye GraphQL's among them). */
    private static final int ORDER = -1_000;
    /**
     * Quarkus installs HTTP authentication as a filter of priority 200, i.e. route order -200; the subject's budget
     * is taken after it, before authorization (-100) and everything else.
     */
    private static final int AFTER_AUTHENTICATION = -150;
    private static final String TOKEN_PENDING = "kepu.rate-limit.token-pending";
    /** The one decision taken for this request ({@link #take}); a second charge for the same request reuses it. */
    private static final String CHARGE = "kepu.rate-limit.charge";
    /** Set once the request's token failure is being answered, by whichever of its three reporters comes first. */
    private static final String TOKEN_REFUSED = "kepu.rate-limit.token-refused";

    /**
     * Documents that passed the checks below, by text, operation name and the limits in force: the checks depend on
     * nothing else, and a graphql-java document is immutable, so the same text again (every request
     * of a client's operation) skips the count, the parse and the cost walk. Refusals are not kept; texts longer
     * than {@link #MAX_KEPT_CHARS} are checked each time.
     */
    private record Checked(String text, String operationName, Object limits) {
    }

    private static final int MAX_KEPT_CHARS = 16_384;
    private final Cache<Checked, Document> passed = Caffeine.newBuilder()
            .maximumWeight(4L * 1024 * 1024).<Checked, Document>weigher((key, document) -> 64 + 4 * key.text().length())
            .build();

    private final ParserOptions parserOptions;
    private final GraphQLLimits limits;
    private final RateLimiter rateLimiter;
    private final RateLimitConfig rateLimits;
    private final PublicAnswerCache publicAnswers;
    private volatile Budgets budgets;

    /** The budgets in force; replaceable at run time (tests tighten them). */
    public record Budgets(boolean enabled, RateLimiter.Budget anonymous, RateLimiter.Budget signedIn) {
    }

    public GraphQLRequestGate(GraphQLLimits limits, RateLimiter rateLimiter, RateLimitConfig rateLimits,
            PublicAnswerCache publicAnswers) {
        this.limits = limits;
        this.publicAnswers = publicAnswers;
        this.rateLimiter = rateLimiter;
        this.rateLimits = rateLimits;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(
                options -> options.maxTokens(limits.maxTokens()).captureSourceLocation(false));
        // graphql-java parses operations with these defaults; SmallRye only sets the SDL defaults.
        ParserOptions.setDefaultOperationParserOptions(parserOptions);
        this.budgets = configured(rateLimits);
    }

    /**
     * The configured budgets: whole when PostgreSQL keeps them for all instances, else each divided among the instances
     * that share them.
     */
    static Budgets configured(RateLimitConfig config) {
        int instances = config.shared() ? 1 : Math.max(1, config.instances());
        return new Budgets(config.enabled(),
                new RateLimiter.Budget(Math.max(1, config.anonymous().requests() / instances), config.anonymous().period()),
                new RateLimiter.Budget(Math.max(1, config.signedIn().requests() / instances), config.signedIn().period()));
    }

    public Budgets budgets() {
        return budgets;
    }

    /** Replaces the budgets in force (tests; an operator could wire this to a management endpoint). */
    public void budgets(Budgets replacement) {
        this.budgets = replacement;
    }

    /** Back to the configured budgets. */
    public void resetBudgets() {
        this.budgets = configured(rateLimits);
    }

    void register(@Observes Router router) {
        router.route("/graphql").order(ORDER - 2).handler(this::limitByAddress);
        router.route("/graphql").order(AFTER_AUTHENTICATION).handler(this::limitBySubject);
        // The body and the document only after the request is charged: a refused document is charged like any request,
        // to the subject when the token is valid (the subject is known only after authentication).
        router.post("/graphql").order(AFTER_AUTHENTICATION + 1)
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()));
        router.post("/graphql").order(AFTER_AUTHENTICATION + 2).handler(this::checkPost);
        router.get("/graphql").order(AFTER_AUTHENTICATION + 2).handler(this::checkGet);
        router.route("/graphql").order(ORDER).failureHandler(this::failure);
        router.get("/graphql/schema.graphql").order(ORDER).handler(this::schemaDownload);
    }

    /** The schema download tells exactly what introspection would: it is served only where introspection is on. */
    private void schemaDownload(RoutingContext context) {
        if (limits.introspection()) {
            context.next();
            return;
        }
        respond(context, 404, ErrorCode.INTROSPECTION_DISABLED, Msg.of("shared.limit.introspection"), Map.of());
    }

    // --- rate limiting ----------------------------------------------------------------------------------------------

    private void limitByAddress(RoutingContext context) {
        Budgets current = budgets;
        if (!current.enabled()) {
            context.next();
            return;
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            context.put(TOKEN_PENDING, Boolean.TRUE);
            context.next();
            return;
        }
        take(context, addressKey(context), current.anonymous(), context::next);
    }

    private void limitBySubject(RoutingContext context) {
        if (context.get(TOKEN_PENDING) == null || !budgets.enabled()) {
            context.next();
            return;
        }
        // Set by Quarkus' authentication filter: the token, verified on first use (lazily, see auth.proactive).
        Uni<SecurityIdentity> identity = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null) {
            take(context, addressKey(context), budgets.anonymous(), context::next);
            return;
        }
        Context vertxContext = Vertx.currentContext();
        // A failed verification is reported twice: to this failure handler (Quarkus' own would answer an empty 401 at
        // once, before a decision from the shared store could come) and to the subscriber below. Both, and the route
        // failure handler, lead to refuseToken, which charges and answers once.
        context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (ignored,
                failure) -> onContext(vertxContext, () -> refuseToken(context, failure)));
        AtomicBoolean settled = new AtomicBoolean();
        identity.subscribe().with(
                resolved -> onContext(vertxContext, () -> {
                    settled.set(true);
                    if (resolved.isAnonymous()) {
                        take(context, addressKey(context), budgets.anonymous(), context::next);
                    } else {
                        take(context, "sub:" + resolved.getPrincipal().getName(), budgets.signedIn(), context::next);
                    }
                }),
                failure -> onContext(vertxContext, () -> {
                    settled.set(true);
                    refuseToken(context, failure);
                }));
        if (!settled.get() && !context.response().headWritten()) {
            context.request().pause();  // verified elsewhere meanwhile; the body handler after this resumes the request
        }
    }

    private static void onContext(Context vertxContext, Runnable action) {
        if (vertxContext == null || Vertx.currentContext() == vertxContext) {
            action.run();
        } else {
            vertxContext.runOnContext(ignored -> action.run());
        }
    }

    /**
     * Takes one request from the key's budget and runs {@code then}; answers 429 instead when the budget is spent. Most
     * decisions are at hand (run at once, on this thread); one that waits for the shared store continues on this
     * request's context, the request paused meanwhile (its body is read later, by the body handler).
     */
    private void take(RoutingContext context, String key, RateLimiter.Budget budget, Runnable then) {
        CompletableFuture<RateLimiter.Decision> pending = context.get(CHARGE);
        if (pending == null) {
            pending = rateLimiter.acquireAsync(key, budget).toCompletableFuture();
            context.put(CHARGE, pending);
        }
        if (pending.isDone()) {
            decide(context, budget, pending.join(), then);
            return;
        }
        context.request().pause();
        Context vertxContext = Vertx.currentContext();
        pending.whenComplete((decision, failure) -> onContext(vertxContext, () -> {
            if (failure != null) {
                context.fail(failure);
            } else {
                decide(context, budget, decision, then);
            }
        }));
    }

    private void decide(RoutingContext context, RateLimiter.Budget budget, RateLimiter.Decision decision, Runnable then) {
        if (context.response().headWritten()) {
            return;  // answered meanwhile (the connection closed, or another handler gave up on the request)
        }
        if (decision.allowed()) {
            then.run();
            return;
        }
        context.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        respond(context, 429, ErrorCode.RATE_LIMITED, Msg.of("shared.gate.rateLimited", budget.requests(),
                budget.period().toSeconds(), decision.retryAfterSeconds()),
                Map.of("retryAfterSeconds", decision.retryAfterSeconds()));
    }

    /**
     * The client's address as the connection shows it, or as a trusted proxy reports it: Quarkus rewrites it from
     * {@code Forwarded}/{@code X-Forwarded-For} only for peers listed in {@code quarkus.http.proxy.trusted-proxies}.
     */
    private static String addressKey(RoutingContext context) {
        var address = context.request().remoteAddress();
        return "ip:" + (address == null ? "unknown" : address.hostAddress());
    }

    // --- body and document ------------------------------------------------------------------------------------------

    private void checkPost(RoutingContext context) {
        String body = context.body().asString();
        String contentType = String.valueOf(context.request().getHeader("Content-Type"));
        if (contentType.startsWith("application/graphql")) {
            checkDocument(context, body, null, true, null);
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
            JsonObject json = new JsonObject(body);
            if (!(json.getValue("query") instanceof String text)) {
                refuse(context, ErrorCode.INVALID_QUERY, Msg.of("shared.gate.noQuery"));
                return;
            }
            checkDocument(context, text, json.getValue("operationName") instanceof String name ? name : null, true,
                    body);
        } catch (DecodeException | ClassCastException e) {
            refuse(context, ErrorCode.INVALID_QUERY, Msg.of("shared.gate.notJson"));
        }
    }

    /** GET carries the document in {@code query} (a WebSocket upgrade carries none and passes). */
    private void checkGet(RoutingContext context) {
        String query = context.request().getParam("query");
        if (query == null) {
            context.next();
            return;
        }
        checkDocument(context, query, context.request().getParam("operationName"), false, null);
    }

    /**
     * @param post whether the document came in a POST body ({@code jsonBody} is that body when it is JSON, null for
     *        {@code application/graphql}): only those may be answered by the {@link PublicAnswerCache}
     */
    private void checkDocument(RoutingContext context, String text, String operationName, boolean post,
            String jsonBody) {
        Checked key = text.length() <= MAX_KEPT_CHARS ? new Checked(text, operationName, limits.checkedValues()) : null;
        Document kept = key == null ? null : passed.getIfPresent(key);
        if (kept != null) {
            admitted(context, kept, text, operationName, post, jsonBody);
            return;
        }
        // Counting is a hundred times cheaper than parsing: a document sent to be refused is refused before the parse.
        Optional<DocumentCost.Refusal> early = DocumentScan.check(text, limits);
        if (early.isPresent()) {
            refuse(context, early.get().code(), early.get().msg());
            return;
        }
        Document document;
        try {
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                    .document(text).parserOptions(parserOptions).build());
        } catch (ParseCancelledException e) {
            refuse(context, ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.tokens", parserOptions.getMaxTokens()));
            return;
        } catch (InvalidSyntaxException e) {
            refuse(context, ErrorCode.INVALID_QUERY, EngineMessages.translate(e.getMessage(), null));
            return;
        }
        Optional<DocumentCost.Refusal> refusal = DocumentCost.check(document, operationName, limits);
        if (refusal.isPresent()) {
            refuse(context, refusal.get().code(), refusal.get().msg());
            return;
        }
        if (key != null) {
            passed.put(key, document);
        }
        admitted(context, document, text, operationName, post, jsonBody);
    }

    private void admitted(RoutingContext context, Document document, String text, String operationName, boolean post,
            String jsonBody) {
        if (post) {
            // Charged and checked: only now may an answer come from the cache (its own route, after every filter).
            publicAnswers.admit(context, document, text, operationName, jsonBody);
        }
        context.next();
    }

    // --- failures ---------------------------------------------------------------------------------------------------

    /**
     * Failures of the handlers above and of Quarkus' own: an over-size body (the body handler fails with 413 and no
     * body) and a token that fails verification (bad signature, expired, wrong issuer), both answered as GraphQL
     * errors; 401 keeps the bearer challenge for clients that look at it. A token failure usually reaches
     * {@link #refuseToken} from {@link #limitBySubject} first; this is the same call, so it is charged once.
     */
    private void failure(RoutingContext context) {
        if (context.response().ended()) {
            context.next();
            return;
        }
        if (context.failure() instanceof AuthenticationFailedException failed) {
            refuseToken(context, failed);
            return;
        }
        if (context.statusCode() == 413) {
            respond(context, 413, ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.gate.bodyTooLarge", limits.maxBodyBytes()),
                    Map.of());
            return;
        }
        context.next();
    }

    /**
     * A token that failed verification: charged to the client address (forged tokens are not free), then refused with
     * 401, or 429 when the address's budget is spent. Called on the request's context by each place that learns of the
     * failure; only the first charges and answers, and it may wait for the shared store: nothing else answers meanwhile.
     */
    private void refuseToken(RoutingContext context, Throwable failure) {
        if (context.get(TOKEN_REFUSED) != null || context.response().headWritten()) {
            return;
        }
        context.put(TOKEN_REFUSED, Boolean.TRUE);
        Budgets current = budgets;
        if (current.enabled()) {
            take(context, addressKey(context), current.anonymous(), () -> answerInvalidToken(context, failure));
        } else {
            answerInvalidToken(context, failure);
        }
    }

    private static void answerInvalidToken(RoutingContext context, Throwable failure) {
        context.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        respond(context, 401, ErrorCode.UNAUTHENTICATED, TokenFailures.message(failure), Map.of());
    }

    private static void refuse(RoutingContext context, ErrorCode code, Msg message) {
        respond(context, 200, code, message, Map.of());
    }

    /** A GraphQL error response in the language the request asks for (Accept-Language; Chinese by default). */
    private static void respond(RoutingContext context, int status, ErrorCode code, Msg message,
            Map<String, Object> more) {
        Locale locale = Messages.fromAcceptLanguage(context.request().getHeader("Accept-Language"));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(more);
        JsonObject error = new JsonObject().put("message", message.in(locale)).put("extensions", new JsonObject(extensions));
        context.response()
                .putHeader("Content-Type", "application/graphql-response+json; charset=utf-8")
                .setStatusCode(status)
                .end(new JsonObject().put("errors", new JsonArray(List.of(error))).put("data", null).encode());
    }

}
