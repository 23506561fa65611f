package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Field;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;
import graphql.language.NodeVisitorStub;
import graphql.language.NodeTraverser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.quarkus.arc.Unremovable;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import org.jboss.logging.Logger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Refuses hostile queries before they cost anything: after parsing and before validation, the expanded-cost bounds of
 * {@link DocumentCost} (fragments, spreads, fields once expanded, aliases, top-level fields, depth); after validation
 * and before any resolver runs, depth and complexity with the schema's types (fields multiplied by the page sizes
 * above them), introspection where it is switched off, and NUL characters in strings. During execution it enforces
 * the operation's time budget ({@code QUERY_TIMEOUT}). Token count and syntax are checked earlier, by
 * {@link GraphQLRequestGate}.
 * It also gives every error of the response its {@code extensions.code} through {@link GraphQLErrorCodes}.
 *
 * <p>Installed by adding to, not replacing, the instrumentation SmallRye GraphQL configured (query cache,
 * metrics), which is why the existing one is read back from a throw-away build.
 */
@ApplicationScoped
@Unremovable // looked up by GraphQLBuildHook, which CDI does not see
public class QueryGuard {

    private final GraphQLLimits limits;
    private final GraphQLErrorCodes errorCodes;
    private final Clock clock;
    private final PlainRecordFields plainFields = new PlainRecordFields();

    private final CurrentVertxRequest currentRequest;

    public QueryGuard(GraphQLLimits limits, GraphQLErrorCodes errorCodes, Clock clock, CurrentVertxRequest currentRequest) {
        this.limits = limits;
        this.errorCodes = errorCodes;
        this.clock = clock;
        this.currentRequest = currentRequest;
    }

    /** Called by {@link GraphQLBuildHook} when SmallRye builds the engine; {@code more} run after the guard. */
    void install(GraphQL.Builder builder, Instrumentation... more) {
        Instrumentation configured = builder.build().getInstrumentation();
        Guard guard = new Guard();
        List<Instrumentation> chain = new java.util.ArrayList<>(List.of(configured, guard));
        chain.addAll(List.of(more));
        builder.instrumentation(LeanInstrumentation.of(chain, guard));
    }

    /** Thrown to stop execution; graphql-java reports it as the response's only error, with our code. */
    static final class LimitExceeded extends AbortExecutionException {
        private final ErrorCode code;
        private final transient Msg msg;

        LimitExceeded(ErrorCode code, Msg msg) {
            super(msg.in(Messages.ENGLISH));
            this.code = code;
            this.msg = msg;
        }

        ErrorCode code() {
            return code;
        }

        Msg msg() {
            return msg;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", code.name());
        }
    }

    private final class Guard extends SimplePerformantInstrumentation {

        /**
         * After parsing, before validation: the same expanded-cost bounds as {@link GraphQLRequestGate}, for documents
         * that did not come through it (graphql-ws) and as a second line for those that did.
         */
        @Override
        public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            DocumentCost.check(documentAndVariables.getDocument(), parameters.getOperation(), limits)
                    .ifPresent(refusal -> {
                        throw new LimitExceeded(refusal.code(), refusal.msg());
                    });
            return documentAndVariables;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            checkOnce(context);
            context.getGraphQLContext().put(DEADLINE, clock.millis() + limits.maxOperationTime().toMillis());
            httpResponse().ifPresent(response -> context.getGraphQLContext().put(RESPONSE, response));
            return super.beginExecuteOperation(parameters, state);
        }

        /**
         * Each event of a subscription is an operation of its own with a fresh budget: the subscription itself may stay
         * open for hours, and its events' fields (e.g. {@code submissionStatusChanged.work}) were refused with
         * {@code QUERY_TIMEOUT} once the budget counted from the {@code subscribe} had passed.
         */
        @Override
        public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(
                InstrumentationFieldParameters parameters, InstrumentationState state) {
            parameters.getExecutionContext().getGraphQLContext()
                    .put(DEADLINE, clock.millis() + limits.maxOperationTime().toMillis());
            return super.beginSubscribedFieldEvent(parameters, state);
        }

        /**
         * The time budget: checked before each field is fetched, so an operation past its budget stops at the next
         * field (the fields not yet fetched are never resolved; their errors collapse into one {@code QUERY_TIMEOUT}).
         * A single store call is bounded by its own client-side time-out (see {@code shared/faults/StoreGuards}).
         */
        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
                InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
            DataFetcher<?> prefetched = PrefetchedFields.of(parameters.getEnvironment(), parameters.getField().getName());
            if (prefetched != null) {
                return prefetched;  // read with its object by the resolver that returned it
            }
            if (dataFetcher instanceof FieldDataFetcher<?>) {
                DataFetcher<?> plain = plainFields.of(parameters.getEnvironment().getSource(),
                        parameters.getField().getName());
                if (plain != null) {
                    return plain;  // a property read: no deadline check, as for SmallRye's trivial fetchers
                }
            }
            if (parameters.isTrivialDataFetcher()) {
                return dataFetcher;
            }
            return environment -> {
                HttpServerResponse response = environment.getGraphQlContext().get(RESPONSE);
                if (response != null && response.closed()) {
                    throw new ClientGone();
                }
                Long deadline = environment.getGraphQlContext().get(DEADLINE);
                if (deadline != null && clock.millis() > deadline) {
                    throw new LimitExceeded(ErrorCode.QUERY_TIMEOUT,
                            Msg.of("shared.limit.timeout", limits.maxOperationTime().toMillis()));
                }
                return dataFetcher.get(environment);
            };
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(
                ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
            HttpServerResponse response = parameters.getGraphQLContext().get(RESPONSE);
            if (response != null && response.closed()) {
                // Nobody reads this answer. Its errors are the consequence of the client leaving (Quarkus ends the
                // request context, and with it the request's database session, when the connection closes), not
                // failures of the service: logging each field's as an unexpected failure buried real ones.
                LOG.debugf("client closed the connection before the answer; %d field errors dropped",
                        result.getErrors().size());
                return CompletableFuture.completedFuture(result);
            }
            return CompletableFuture.completedFuture(errorCodes.withCodes(result,
                    CallerLanguage.of(parameters.getGraphQLContext()), parameters.getSchema()));
        }
    }

    private static final String DEADLINE = "kepu.deadline";
    private static final String RESPONSE = "kepu.httpResponse";
    private static final Logger LOG = Logger.getLogger(QueryGuard.class);

    /** The HTTP response of this operation, where there is one (not for a graphql-ws event). */
    private java.util.Optional<HttpServerResponse> httpResponse() {
        try {
            RoutingContext routing = currentRequest.getCurrent();
            return java.util.Optional.ofNullable(routing).map(RoutingContext::response);
        } catch (ContextNotActiveException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Stops an operation whose client has closed the connection, before its next resolver: its work would be thrown
     * away, and its request context (with the database session) is already ended.
     */
    static final class ClientGone extends AbortExecutionException {
        ClientGone() {
            super("the client closed the connection");
        }
    }

    /**
     * An operation that passed {@link #check} once: its parsed document (SmallRye's query cache hands the same
     * instance to every request of the same text, and a graphql-java document compares by identity), operation name,
     * variables and the limits in force ({@link GraphQLLimits#checkedValues}). The checks depend on nothing else, so
     * the same operation
     * again passes without walking the document with the schema three more times (a searchWorks request's depth,
     * introspection and complexity traversals: some 0.2–0.4 ms of CPU each time, issue 13). Refusals are not kept.
     */
    private record Passed(graphql.language.Document document, String operation, Map<String, Object> variables,
            Object limits) {
    }

    private final Cache<Passed, Boolean> passed = Caffeine.newBuilder().maximumSize(1_000).build();

    private void checkOnce(ExecutionContext context) {
        Map<String, Object> variables = context.getCoercedVariables().toMap();
        // Only queries with small variables: a mutation's input (a long text) is cheaper to check again than to keep.
        Passed key = context.getOperationDefinition().getOperation() == graphql.language.OperationDefinition.Operation.QUERY
                && weight(variables, MAX_KEPT_VARIABLES) >= 0
                ? new Passed(context.getDocument(), context.getOperationDefinition().getName(), variables,
                        limits.checkedValues()) : null;
        if (key != null && passed.getIfPresent(key) != null) {
            return;
        }
        check(context);
        if (key != null) {
            passed.put(key, Boolean.TRUE);
        }
    }

    /** Characters of variables an operation kept by {@link #checkOnce} may carry (a search text, a filter, ids). */
    private static final int MAX_KEPT_VARIABLES = 2_048;

    /** What is left of {@code budget} after the strings, keys and entries of {@code value}; negative when spent. */
    private static int weight(Object value, int budget) {
        if (budget < 0) {
            return budget;
        }
        return switch (value) {
            case String text -> budget - text.length() - 1;
            case Map<?, ?> map -> {
                int left = budget - 1;
                for (var entry : map.entrySet()) {
                    left = weight(entry.getValue(), weight(entry.getKey(), left));
                    if (left < 0) {
                        break;
                    }
                }
                yield left;
            }
            case java.util.Collection<?> list -> {
                int left = budget - 1;
                for (Object item : list) {
                    left = weight(item, left);
                    if (left < 0) {
                        break;
                    }
                }
                yield left;
            }
            case null, default -> budget - 8;
        };
    }

    private void check(ExecutionContext context) {
        var operation = context.getOperationDefinition();
        var shape = new DocumentShape();
        var nodes = new NodeTraverser();
        nodes.preOrder(shape, operation);
        context.getFragmentsByName().values().forEach(fragment -> nodes.preOrder(shape, fragment));

        if (shape.introspection && !limits.introspection()) {
            throw new LimitExceeded(ErrorCode.INTROSPECTION_DISABLED, Msg.of("shared.limit.introspection"));
        }
        rejectNul(context, shape);

        QueryTraverser traverser = QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(operation.getName())
                .coercedVariables(context.getCoercedVariables())
                .build();
        int depth = traverser.reducePreOrder((env, max) -> Math.max(max, depthOf(env)), 0);
        if (depth > limits.maxDepth()) {
            throw new LimitExceeded(ErrorCode.QUERY_TOO_DEEP, Msg.of("shared.limit.depth", depth, limits.maxDepth()));
        }
        int introspectionLists = traverser.reducePreOrder((env, max) -> Math.max(max, introspectionListsOf(env)), 0);
        if (introspectionLists > MAX_INTROSPECTION_LISTS) {
            throw new LimitExceeded(ErrorCode.QUERY_TOO_DEEP,
                    Msg.of("shared.limit.depth", introspectionLists, MAX_INTROSPECTION_LISTS));
        }

        int complexity = QueryComplexityCalculator.newCalculator()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(operation.getName())
                .variables(context.getCoercedVariables())
                .fieldComplexityCalculator((env, children) -> isIntrospection(env.getField())
                        ? 0
                        : (1 + children) * pageSizeOf(env))
                .build()
                .calculate();
        if (complexity > limits.maxComplexity()) {
            throw new LimitExceeded(ErrorCode.QUERY_TOO_COMPLEX,
                    Msg.of("shared.limit.complexity", complexity, limits.maxComplexity()));
        }
    }

    /** A list field multiplies everything below it by the page it asks for. */
    private int pageSizeOf(graphql.analysis.FieldComplexityEnvironment env) {
        if (env.getArguments().get("first") instanceof Number n) {
            return Math.max(1, Math.min(n.intValue(), limits.maxPageSize()));
        }
        return env.getFieldDefinition().getArgument("first") != null ? limits.defaultPageSize() : 1;
    }

    /**
     * Nesting depth of a field, not counting introspection: everything below {@code __schema}/{@code __type} is
     * bounded by the schema itself (the standard introspection query nests {@code ofType} eight levels), and how many
     * lists it may nest is bounded separately ({@link #MAX_INTROSPECTION_LISTS}).
     */
    private static int depthOf(QueryVisitorFieldEnvironment env) {
        int depth = 0;
        for (var e = env; e != null; e = e.getParentEnvironment()) {
            if (isIntrospection(e.getField())) {
                return 0;
            }
            depth++;
        }
        return depth;
    }

    /**
     * Lists nested inside an introspection field ({@code types}, {@code fields}, {@code args}…): each multiplies the
     * answer by the schema's size. The standard introspection query nests three ({@code types > fields > args}).
     */
    private static final int MAX_INTROSPECTION_LISTS = 3;

    private static int introspectionListsOf(QueryVisitorFieldEnvironment env) {
        int lists = 0;
        boolean inIntrospection = false;
        for (var e = env; e != null; e = e.getParentEnvironment()) {
            if (e.getField().getName().equals("__schema") || e.getField().getName().equals("__type")) {
                inIntrospection = true;
            } else if (GraphQLTypeUtil.unwrapNonNull(e.getFieldDefinition().getType()) instanceof GraphQLList) {
                lists++;
            }
        }
        return inIntrospection ? lists : 0;
    }

    /**
     * PostgreSQL cannot store the NUL character in text; refuse it in any string the operation carries (variables and
     * literals) as the client's mistake, naming where it is, instead of letting the store fail with INTERNAL.
     */
    private static void rejectNul(ExecutionContext context, DocumentShape shape) {
        findNul("$", context.getCoercedVariables().toMap()).or(() -> shape.nulArgument)
                .ifPresent(path -> {
                    throw new LimitExceeded(ErrorCode.VALIDATION, Msg.of("shared.validation.nul", path));
                });
    }

    private static java.util.Optional<String> findNul(String path, Object value) {
        return switch (value) {
            case String text -> text.indexOf('\u0000') >= 0 ? java.util.Optional.of(path) : java.util.Optional.empty();
            case Map<?, ?> map -> map.entrySet().stream()
                    .map(e -> findNul(path.equals("$") ? "$" + e.getKey() : path + "." + e.getKey(), e.getValue()))
                    .flatMap(java.util.Optional::stream).findFirst();
            case java.util.Collection<?> list -> {
                int i = 0;
                for (Object item : list) {
                    var found = findNul(path + "[" + i++ + "]", item);
                    if (found.isPresent()) {
                        yield found;
                    }
                }
                yield java.util.Optional.empty();
            }
            case null, default -> java.util.Optional.empty();
        };
    }

    private static boolean isIntrospection(Field field) {
        return field.getName().startsWith("__");
    }

    /**
     * Spots introspection and NUL characters in string literals in the operation and its fragments. Visited pre-order
     * only: {@code depthFirst} would visit each node twice (on enter and on leave).
     */
    private static final class DocumentShape extends NodeVisitorStub {
        boolean introspection;
        java.util.Optional<String> nulArgument = java.util.Optional.empty();

        @Override
        public TraversalControl visitField(Field field, TraverserContext<graphql.language.Node> context) {
            if (field.getName().equals("__schema") || field.getName().equals("__type")) {
                introspection = true;
            }
            return TraversalControl.CONTINUE;
        }

        @Override
        public TraversalControl visitArgument(graphql.language.Argument argument,
                TraverserContext<graphql.language.Node> context) {
            if (nulArgument.isEmpty() && containsNul(argument.getValue())) {
                nulArgument = java.util.Optional.of(argument.getName());
            }
            return TraversalControl.CONTINUE;
        }

        private static boolean containsNul(graphql.language.Value<?> value) {
            return switch (value) {
                case graphql.language.StringValue string -> string.getValue() != null
                        && string.getValue().indexOf('\u0000') >= 0;
                case graphql.language.ArrayValue array -> array.getValues().stream().anyMatch(DocumentShape::containsNul);
                case graphql.language.ObjectValue object -> object.getObjectFields().stream()
                        .anyMatch(f -> containsNul(f.getValue()));
                default -> false;
            };
        }
    }
}
