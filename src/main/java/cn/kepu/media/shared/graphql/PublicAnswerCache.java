package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.cluster.PostgresNotifications;
import cn.kepu.media.shared.error.Messages;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLExecutionHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A short-lived answer shared by anonymous callers of the same GraphQL query: what a CDN micro-cache does for a public
 * page, but correct across instances. Public high-traffic pages are the same answer for every visitor for as long as
 * nothing public changes; executing them anew for each one is the whole cost of the listing (issue 13: ~4 ms of CPU a
 * page in graphql-java, Hibernate and JSON).
 *
 * <p><b>What is cached.</b> Only POSTed queries (never mutations or subscriptions) from callers without credentials
 * (no {@code Authorization}, no cookie), with a body within {@link PublicCacheConfig#maxRequestBytes()} and no query
 * string, after {@link GraphQLRequestGate} has charged the caller's rate limit and passed the document: a hit costs the
 * caller the same budget as a miss, and a refused document is refused before any lookup. Only answers with status 200,
 * one body and no {@code errors} are kept: a query that fails (including one that {@link QueryGuard} refuses for cost
 * or introspection) is executed, and refused, every time. The key is {@link PublicAnswerKey}.
 *
 * <p><b>Freshness.</b> Every answer is dropped, on every instance, when public data changes: any mutation this instance
 * executes drops this instance's answers when it completes, before its response is written ({@link #install}); every
 * commit that changes a work's search projection sends {@code kepu_search_outbox} (V110), other public tables and the
 * search indexer after a pass send {@code kepu_public_changed} (V165, {@code SearchIndexer}), and PostgreSQL delivers
 * both to every instance after the commit. An answer whose computation began before a drop is never kept (a generation
 * counter), so no answer read before a commit survives the commit's signal. What no signal announces — time passing
 * (release times, contest windows), a signal lost while an instance's listening connection was down — is bounded by
 * {@link PublicCacheConfig#ttl()} (1 s). The staleness across instances is the delivery time of a PostgreSQL NOTIFY.
 *
 * <p><b>Single flight.</b> Identical misses arriving together compute once: the others wait for the first answer (at
 * most {@link PublicCacheConfig#singleFlightWait()}) and get its bytes; if it fails, each computes its own.
 *
 * <p><b>Refresh ahead.</b> An answer lives for its ttl counted from the moment its computation began. Once it is older
 * than half of that, the first request that is served it also starts its recomputation in the background (one at a
 * time per key), and every request meanwhile is still served the valid copy: without this, each expiry made all
 * identical requests arriving during the recomputation wait for it (issue 13: ~16 requests a second at 16 clients paid
 * the uncached latency, the whole p99 tail). The recomputation is kept under the same rule as a miss (started after
 * the last drop, shareable), so the staleness bound and the drops are what they were; only an answer nobody asks for
 * in the second half of its life expires and makes the next request a miss.
 *
 * <p><b>How the bytes are taken.</b> Vert.x has no hook for a response body, so a miss runs SmallRye GraphQL's own
 * execution handler (the class Quarkus routes {@code /graphql} to, same configuration) with a routing context whose
 * response copies what SmallRye writes ({@link ResponseCapture}); the answer kept is exactly the bytes sent. A Quarkus
 * upgrade that changes that handler's constructor breaks the build here, not the behaviour.
 */
@ApplicationScoped
@Unremovable // looked up by GraphQLBuildHook, which CDI does not see
public class PublicAnswerCache {

    /** After every filter (authorization is -100), ahead of SmallRye GraphQL's route (registered at order 0 or later). */
    private static final int ORDER = -1;
    static final String HEADER = "X-Kepu-Cache";
    /** Where the gate leaves its decision for this request: a key, or {@link #BYPASS}. */
    private static final String ADMISSION = "kepu.public-cache.admission";
    private static final String BYPASS = "";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Logger LOG = Logger.getLogger(PublicAnswerCache.class);

    /** A kept answer: the bytes SmallRye wrote, their content type, and when their computation began (nano time). */
    record Answer(byte[] body, String contentType, long born) {
    }

    /** The settings in force; replaceable at run time (tests switch the cache on with a long life). */
    public record Settings(Duration ttl, int maxEntries, long maxBytes, Duration singleFlightWait) {
        boolean enabled() {
            return !ttl.isZero() && !ttl.isNegative() && maxEntries > 0 && maxBytes > 0;
        }
    }

    /** One computation that identical misses wait for; completed with null when it produced nothing to share. */
    private record Flight(long generation, CompletableFuture<Answer> answer) {
    }

    private final PublicCacheConfig config;
    private final PostgresNotifications notifications;
    private final Instance<CurrentIdentityAssociation> identities;
    private final CurrentVertxRequest currentRequest;
    private final boolean compressed;
    private final boolean runBlocking;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
    /** Keys being recomputed ahead of expiry, with the nano time the recomputation was started. */
    private final ConcurrentHashMap<String, Long> refreshing = new ConcurrentHashMap<>();
    /** Recomputations started (the meter below may be a no-op when no registry backs it). */
    private final AtomicLong refreshed = new AtomicLong();
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;
    private final Counter drops;
    private final Counter refreshes;
    private volatile Settings settings;
    private volatile Cache<String, Answer> answers;
    private volatile Handler<RoutingContext> execution;
    /** Tests only: how long a started recomputation waits before it runs (so that they can watch requests meanwhile). */
    private volatile Duration refreshPause = Duration.ZERO;

    public PublicAnswerCache(PublicCacheConfig config, PostgresNotifications notifications,
            Instance<CurrentIdentityAssociation> identities, CurrentVertxRequest currentRequest, MeterRegistry meters,
            @ConfigProperty(name = "quarkus.http.enable-compression", defaultValue = "false") boolean compression,
            @ConfigProperty(name = "quarkus.http.compress-media-types") Optional<List<String>> compressTypes,
            @ConfigProperty(name = "quarkus.smallrye-graphql.nonblocking.enabled") Optional<Boolean> nonBlocking) {
        this.config = config;
        this.notifications = notifications;
        this.identities = identities;
        this.currentRequest = currentRequest;
        // The same two decisions Quarkus takes when it routes /graphql to SmallRye (SmallRyeGraphQLProcessor).
        this.compressed = compression && compressTypes.map(types -> types.contains("application/graphql+json"))
                .orElse(false);
        this.runBlocking = nonBlocking.isPresent() && !nonBlocking.get();
        this.hits = outcome(meters, "hit");
        this.misses = outcome(meters, "miss");
        this.bypasses = outcome(meters, "bypass");
        this.drops = Counter.builder("kepu.graphql.public.cache.drops")
                .description("Times every kept public answer was dropped (a change was announced)").register(meters);
        this.refreshes = Counter.builder("kepu.graphql.public.cache.refreshes")
                .description("Public answers recomputed in the background before they expired").register(meters);
        settings(configured());
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("kepu.graphql.public.cache.requests").tag("outcome", outcome)
                .description("Anonymous GraphQL requests by public answer cache outcome").register(meters);
    }

    private Settings configured() {
        return new Settings(config.ttl(), config.maxEntries(), config.maxBytes(), config.singleFlightWait());
    }

    public Settings settings() {
        return settings;
    }

    /** Replaces the settings in force, dropping every kept answer (tests; an operator could wire it to management). */
    public synchronized void settings(Settings replacement) {
        Cache<String, Answer> fresh = null;
        if (replacement.enabled()) {
            // Each answer weighs at least its share of the entry bound, so the byte bound also bounds the count.
            long floor = Math.max(1, replacement.maxBytes() / replacement.maxEntries());
            fresh = Caffeine.newBuilder().expireAfter(lifeFrom(replacement.ttl().toNanos()))
                    .maximumWeight(replacement.maxBytes())
                    .<String, Answer>weigher((key, answer) -> (int) Math.min(Integer.MAX_VALUE,
                            Math.max(floor, answer.body().length + key.length())))
                    .build();
        }
        generation.incrementAndGet();
        this.answers = fresh;
        this.settings = replacement;
    }

    /** Each answer lives for {@code ttl} from the moment its computation began, whenever it was put. */
    private static Expiry<String, Answer> lifeFrom(long ttl) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(String key, Answer answer, long currentTime) {
                return Math.max(0, ttl - (currentTime - answer.born()));
            }

            @Override
            public long expireAfterUpdate(String key, Answer answer, long currentTime, long currentDuration) {
                return expireAfterCreate(key, answer, currentTime);
            }

            @Override
            public long expireAfterRead(String key, Answer answer, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }

    /** Back to the configured settings. */
    public void resetSettings() {
        settings(configured());
        refreshPause = Duration.ZERO;
    }

    /** Tests only: delays each background recomputation by {@code pause} (until {@link #resetSettings()}). */
    void pauseRefreshes(Duration pause) {
        refreshPause = pause;
    }

    /** Background recomputations started so far (tests read it). */
    long refreshCount() {
        return refreshed.get();
    }

    /** Counts the drops: an answer is kept only if this did not move while it was computed (tests read it). */
    long generation() {
        return generation.get();
    }

    /** Drops every kept answer on this instance, and every computation under way from being kept. */
    public void dropAll() {
        generation.incrementAndGet();
        Cache<String, Answer> current = answers;
        if (current != null) {
            current.invalidateAll();
        }
        drops.increment();
    }

    void listen(@Observes StartupEvent event) {
        // Also on PostgresNotifications.RECONNECTED: signals may have been missed meanwhile.
        notifications.subscribe(PostgresNotifications.SEARCH_OUTBOX_CHANNEL, payload -> dropAll());
        notifications.subscribe(PostgresNotifications.PUBLIC_CHANGED_CHANNEL, payload -> dropAll());
    }

    void register(@Observes Router router) {
        router.post("/graphql").order(ORDER).handler(this::serve);
    }

    /**
     * Installs the mutation watch on SmallRye's engine (called by {@link GraphQLBuildHook}): a mutation executed here,
     * over HTTP or graphql-ws, drops this instance's answers once it has completed (its transaction committed),
     * before its response is written. Other instances hear of it through PostgreSQL.
     */
    graphql.execution.instrumentation.Instrumentation mutationWatch() {
        return new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                if (parameters.getExecutionContext().getOperationDefinition().getOperation()
                        != OperationDefinition.Operation.MUTATION) {
                    return super.beginExecuteOperation(parameters, state);
                }
                return SimpleInstrumentationContext.whenCompleted((result, failure) -> dropAll());
            }
        };
    }

    // --- admission (called by the gate, on the event loop, once the request is charged and its document passed) ---

    /**
     * Decides whether this request's answer may come from, and go to, the cache, and under which key. Called by
     * {@link GraphQLRequestGate} for every POST it lets through; {@code body} is the JSON body, or null for an
     * {@code application/graphql} one (the document alone).
     */
    void admit(RoutingContext context, Document document, String text, String operationName, String body) {
        if (answers == null) {
            return;
        }
        context.put(ADMISSION, keyOf(context, document, text, operationName, body).orElse(BYPASS));
    }

    private Optional<String> keyOf(RoutingContext context, Document document, String text, String operationName,
            String body) {
        var request = context.request();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if ((authorization != null && !authorization.isBlank()) || request.getHeader(HttpHeaders.COOKIE) != null
                || request.query() != null || context.body().length() > config.maxRequestBytes()) {
            return Optional.empty();
        }
        Optional<OperationDefinition> operation = PublicAnswerKey.operation(document, operationName);
        if (operation.isEmpty() || operation.get().getOperation() != OperationDefinition.Operation.QUERY) {
            return Optional.empty();
        }
        Optional<PublicAnswerKey.Inputs> inputs = body == null ? Optional.of(PublicAnswerKey.Inputs.NONE)
                : PublicAnswerKey.inputs(body);
        return inputs.map(in -> PublicAnswerKey.of(text, operationName, in,
                Messages.fromAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)),
                request.getHeader(HttpHeaders.ACCEPT)));
    }

    // --- serving ----------------------------------------------------------------------------------------------------

    private void serve(RoutingContext context) {
        String key = context.get(ADMISSION);
        Cache<String, Answer> current = answers;
        if (key == null || current == null) {
            context.next();
            return;
        }
        if (key.equals(BYPASS)) {
            bypasses.increment();
            mark(context.response(), "bypass");
            context.next();
            return;
        }
        Answer kept = current.getIfPresent(key);
        if (kept != null) {
            hits.increment();
            answer(context, kept);
            if (System.nanoTime() - kept.born() >= settings.ttl().toNanos() / 2) {
                refreshAhead(context, key);
            }
            return;
        }
        long startedIn = generation.get();
        Flight mine = new Flight(startedIn, new CompletableFuture<>());
        Flight flight = flights.compute(key, (k, running) -> running == null || running.generation() != startedIn
                || running.answer().isDone() ? mine : running);
        if (flight == mine) {
            // The flight before this one keeps its answer before it ends: it may have ended since the lookup above.
            Answer justKept = current.getIfPresent(key);
            if (justKept != null) {
                settle(key, mine, justKept);
                hits.increment();
                answer(context, justKept);
                return;
            }
            execute(context, key, startedIn, mine);
        } else {
            await(context, key, flight);
        }
    }

    /** Waits for the identical request computing the answer; computes its own if that one gives none in time. */
    private void await(RoutingContext context, String key, Flight flight) {
        Context vertxContext = Vertx.currentContext();
        flight.answer().completeOnTimeout(null, settings.singleFlightWait().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> vertxContext.runOnContext(ignored -> {
                    if (context.response().headWritten() || context.response().closed()) {
                        return;
                    }
                    if (answer != null) {
                        hits.increment();
                        answer(context, answer);
                    } else {
                        flights.remove(key, flight);
                        execute(context, key, generation.get(), null);
                    }
                }));
    }

    /**
     * Recomputes the answer of the request just served a copy, in the background, on a Vert.x context of its own (the
     * request's CDI request context ends with its response): SmallRye GraphQL runs on the request's routing context,
     * whose response is a detached one that only captures what is written ({@link ResponseCapture#detached}). The
     * answer replaces the copy under the same rules as a miss's; nothing is sent anywhere.
     */
    private void refreshAhead(RoutingContext context, String key) {
        long now = System.nanoTime();
        long stale = settings.singleFlightWait().toNanos();
        boolean[] mine = {false};
        // One at a time per key; one that never reported back (it cannot, but) stops blocking after the flight wait.
        refreshing.compute(key, (k, since) -> {
            if (since != null && now - since < stale) {
                return since;
            }
            mine[0] = true;
            return now;
        });
        if (!mine[0]) {
            return;
        }
        refreshes.increment();
        refreshed.incrementAndGet();
        long startedIn = generation.get();
        Context background = VertxContext.createNewDuplicatedContext(VertxContext.getRootContext(Vertx.currentContext()));
        Runnable recompute = () -> {
            long born = System.nanoTime();
            RoutingContext detached = ResponseCapture.detached(context, background, sent -> {
                try {
                    Answer answer = shareable(sent, born);
                    if (answer != null) {
                        keep(key, answer, startedIn);
                    }
                } finally {
                    refreshing.remove(key, now);
                }
            });
            if (runBlocking) {
                background.executeBlocking(() -> {
                    execution().handle(detached);
                    return null;
                }, false).onFailure(failure -> {
                    refreshing.remove(key, now);
                    LOG.debugf(failure, "public answer cache: a recomputation ahead of expiry failed");
                });
            } else {
                background.runOnContext(ignored -> {
                    try {
                        execution().handle(detached);
                    } catch (RuntimeException e) {
                        refreshing.remove(key, now);
                        LOG.debugf(e, "public answer cache: a recomputation ahead of expiry failed");
                    }
                });
            }
        };
        long pause = refreshPause.toMillis();
        if (pause > 0) {
            context.vertx().setTimer(pause, ignored -> background.runOnContext(go -> recompute.run()));
        } else {
            background.runOnContext(go -> recompute.run());
        }
    }

    private void answer(RoutingContext context, Answer answer) {
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType());
        mark(response, "hit");
        allowCompression(context);
        response.setStatusCode(200).end(Buffer.buffer(answer.body()));
    }

    /** Runs SmallRye GraphQL for this request, sending its answer and keeping it when it may be shared. */
    private void execute(RoutingContext context, String key, long startedIn, Flight flight) {
        misses.increment();
        long born = System.nanoTime();
        HttpServerResponse response = context.response();
        mark(response, "miss");
        allowCompression(context);
        ResponseCapture capture = new ResponseCapture(response, sent -> {
            Answer answer = shareable(sent, born);
            if (answer != null) {
                keep(key, answer, startedIn);
            }
            settle(key, flight, answer);
        });
        RoutingContext observed = capture.around(context);
        if (runBlocking) {
            // As Quarkus runs SmallRye's blocking route: a worker thread of the request's context, unordered.
            context.vertx().executeBlocking(() -> {
                execution().handle(observed);
                return null;
            }, false).onFailure(context::fail);
        } else {
            execution().handle(observed);
        }
    }

    private void keep(String key, Answer answer, long startedIn) {
        Cache<String, Answer> current = answers;
        if (current == null || generation.get() != startedIn) {
            return;  // something changed after this answer began: it may hold what was true before
        }
        current.put(key, answer);
        if (generation.get() != startedIn) {
            current.invalidate(key);  // dropped between the check and the put
        }
    }

    private void settle(String key, Flight flight, Answer answer) {
        if (flight != null) {
            flight.answer().complete(answer);
            flights.remove(key, flight);
        }
    }

    /** The answer to keep, or null: status 200, one body within the size bound, a content type, no errors. */
    private Answer shareable(ResponseCapture.Sent sent, long born) {
        if (sent.status() != 200 || sent.streamed() || sent.contentType() == null || sent.body().length == 0
                || sent.body().length > config.maxEntryBytes() || !withoutErrors(sent.body())) {
            return null;
        }
        return new Answer(sent.body(), sent.contentType(), born);
    }

    /** Whether the answer is a JSON object with no top-level {@code errors} member. */
    static boolean withoutErrors(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (parser.currentName().equals("errors")) {
                    return false;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return parser.currentToken() == JsonToken.END_OBJECT;
        } catch (IOException e) {
            return false;
        }
    }

    private void mark(HttpServerResponse response, String outcome) {
        if (config.header()) {
            response.putHeader(HEADER, outcome);
        }
    }

    /** As SmallRye's route does when compression is on: let Quarkus compress the answer. */
    private void allowCompression(RoutingContext context) {
        if (compressed) {
            context.addHeadersEndHandler(ignored -> context.response().headers().remove(HttpHeaders.CONTENT_ENCODING));
        }
    }

    private Handler<RoutingContext> execution() {
        Handler<RoutingContext> handler = execution;
        if (handler == null) {
            synchronized (this) {
                if (execution == null) {
                    // GET and POST-with-query-parameters are never admitted, so those two switches do not matter here.
                    execution = new SmallRyeGraphQLExecutionHandler(false, false, runBlocking,
                            identities.isResolvable() ? identities.get() : null, currentRequest);
                    LOG.debugf("public answer cache: misses run SmallRye GraphQL (blocking %s)", runBlocking);
                }
                handler = execution;
            }
        }
        return handler;
    }
}
