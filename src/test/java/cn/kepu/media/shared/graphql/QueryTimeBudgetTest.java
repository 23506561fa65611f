package cn.kepu.media.shared.graphql;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The per-operation time budget of {@link QueryGuard} (issue 8 item 1), without the stack: a schema whose {@code slow}
 * field moves a hand-driven clock past the budget. The fields after it are never resolved and the caller gets one typed
 * {@code QUERY_TIMEOUT} in its language; an operation within its budget is untouched.
 */
class QueryTimeBudgetTest {

    private static final Duration BUDGET = Duration.ofSeconds(2);

    /** A clock tests move by hand. */
    private static final class HandClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(instant -> instant.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private final HandClock clock = new HandClock();
    private final AtomicInteger resolvedAfterSlow = new AtomicInteger();

    private GraphQL engine(Duration slowTakes) {
        return engine(() -> clock.advance(slowTakes), new CurrentVertxRequest());
    }

    /** The three fields, {@code whileSlow} run inside the first one's resolver, guarded for the given HTTP request. */
    private GraphQL engine(Runnable whileSlow, CurrentVertxRequest request) {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse("type Query { slow: String, next: String, last: String }"),
                RuntimeWiring.newRuntimeWiring().type("Query", type -> type
                        .dataFetcher("slow", (DataFetcher<String>) env -> {
                            whileSlow.run();
                            return "slow";
                        })
                        .dataFetcher("next", (DataFetcher<String>) env -> {
                            resolvedAfterSlow.incrementAndGet();
                            return "next";
                        })
                        .dataFetcher("last", (DataFetcher<String>) env -> {
                            resolvedAfterSlow.incrementAndGet();
                            return "last";
                        }))
                        .build());
        GraphQL.Builder builder = GraphQL.newGraphQL(schema);
        new QueryGuard(DefaultLimits.withTimeBudget(BUDGET), new GraphQLErrorCodes(), clock, request).install(builder);
        return builder.build();
    }

    private static ExecutionResult run(GraphQL engine, String language) {
        return engine.execute(ExecutionInput.newExecutionInput("{ slow next last }")
                .graphQLContext(Map.of(CallerLanguage.HTTP_HEADERS, Map.of("Accept-Language", List.of(language))))
                .build());
    }

    @Test
    void anOperationPastItsBudgetStopsWithOneTypedQueryTimeout() {
        ExecutionResult result = run(engine(BUDGET.plusMillis(1)), "en");

        assertThat(result.getErrors()).hasSize(1);
        GraphQLError error = result.getErrors().getFirst();
        assertThat(error.getExtensions()).containsEntry("code", "QUERY_TIMEOUT");
        assertThat(error.getMessage()).contains("2,000 ms").contains("smaller pages");
        assertThat(resolvedAfterSlow).as("fields after the budget ran out are not resolved").hasValue(0);
        Map<String, Object> data = result.getData();
        assertThat(data).containsEntry("slow", "slow").containsEntry("next", null).containsEntry("last", null);
    }

    /**
     * A client that closed its connection: Quarkus ends the request context (and with it the database session) at
     * once, so each later resolver would fail and be logged as an unexpected failure (50 per abandoned listing page,
     * issue 13). The operation stops before its next resolver instead.
     */
    @Test
    void anOperationWhoseClientLeftStopsBeforeItsNextResolver() {
        var closed = new java.util.concurrent.atomic.AtomicBoolean();
        var response = (io.vertx.core.http.HttpServerResponse) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.vertx.core.http.HttpServerResponse.class},
                (proxy, method, args) -> method.getName().equals("closed") ? closed.get() : null);
        var routing = (io.vertx.ext.web.RoutingContext) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.vertx.ext.web.RoutingContext.class},
                (proxy, method, args) -> method.getName().equals("response") ? response : null);
        var request = new CurrentVertxRequest();
        request.setCurrent(routing);
        // The client goes away while the first resolver runs.
        ExecutionResult result = run(engine(() -> closed.set(true), request), "en");

        assertThat(resolvedAfterSlow).as("resolvers after the client left").hasValue(0);
        assertThat(result.getErrors()).isNotEmpty();

        closed.set(false);
        resolvedAfterSlow.set(0);
        assertThat(run(engine(() -> { }, request), "en").getErrors()).as("a connected client").isEmpty();
        assertThat(resolvedAfterSlow).hasValue(2);
    }

    @Test
    void theTimeoutIsChineseByDefault() {
        ExecutionResult result = run(engine(BUDGET.plusSeconds(5)), "zh-CN");

        assertThat(result.getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "QUERY_TIMEOUT"))
                .satisfies(e -> assertThat(e.getMessage()).contains("2,000 毫秒"));
    }

    @Test
    void anOperationWithinItsBudgetIsUntouched() {
        ExecutionResult result = run(engine(BUDGET), "en");

        assertThat(result.getErrors()).isEmpty();
        assertThat(resolvedAfterSlow).hasValue(2);
    }

    @Test
    void eachSubscriptionEventHasABudgetOfItsOwn() {
        // The event comes three budgets after the subscribe (a subscriber waits as long as nothing changes).
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
                        type Query { q: String }
                        type Subscription { changed: Event }
                        type Event { id: String, detail: String }"""),
                RuntimeWiring.newRuntimeWiring()
                        .type("Subscription", type -> type.dataFetcher("changed", (DataFetcher<Publisher<Object>>) env ->
                                oneEvent(() -> {
                                    clock.advance(BUDGET.multipliedBy(3));
                                    return Map.of("id", "e1");
                                })))
                        .type("Event", type -> type.dataFetcher("detail", (DataFetcher<String>) env -> "resolved"))
                        .build());
        GraphQL.Builder builder = GraphQL.newGraphQL(schema);
        new QueryGuard(DefaultLimits.withTimeBudget(BUDGET), new GraphQLErrorCodes(), clock, new CurrentVertxRequest()).install(builder);

        ExecutionResult subscribed = builder.build().execute("subscription { changed { id detail } }");
        assertThat(subscribed.getErrors()).isEmpty();
        ExecutionResult event = first(subscribed.getData());

        assertThat(event.getErrors()).as("the event's fields are resolved, not timed out").isEmpty();
        assertThat(event.<Map<String, Map<String, Object>>>getData().get("changed"))
                .containsEntry("id", "e1").containsEntry("detail", "resolved");
    }

    /** A publisher of one item, made when the subscriber asks for it, then completion. */
    private static Publisher<Object> oneEvent(java.util.function.Supplier<Object> item) {
        return subscriber -> subscriber.onSubscribe(new Subscription() {
            private boolean done;

            @Override
            public void request(long n) {
                if (!done) {
                    done = true;
                    subscriber.onNext(item.get());
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }

    /** The first result a subscription's publisher gives (everything here runs synchronously). */
    private static ExecutionResult first(Publisher<ExecutionResult> events) {
        AtomicReference<ExecutionResult> first = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        events.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(ExecutionResult result) {
                first.compareAndSet(null, result);
            }

            @Override
            public void onError(Throwable error) {
                failure.set(error);
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(failure.get()).isNull();
        assertThat(first.get()).as("an event was published").isNotNull();
        return first.get();
    }
}
