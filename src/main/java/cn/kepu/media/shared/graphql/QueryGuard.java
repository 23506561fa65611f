package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Field;
import graphql.language.NodeVisitorStub;
import graphql.language.NodeTraverser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Refuses hostile queries after parsing and validation but before any resolver runs: too deep, too complex
 * (fields multiplied by the page sizes above them), too many aliases or root fields, or introspection where it is
 * switched off. Token count and syntax are checked earlier, by {@link GraphQLRequestGate}.
 * It also gives every error of the response its {@code extensions.code} through {@link GraphQLErrorCodes}.
 *
 * <p>Installed by adding to, not replacing, the instrumentation SmallRye GraphQL configured (query cache,
 * metrics), which is why the existing one is read back from a throw-away build.
 */
@ApplicationScoped
public class QueryGuard {

    private final GraphQLLimits limits;
    private final GraphQLErrorCodes errorCodes;

    public QueryGuard(GraphQLLimits limits, GraphQLErrorCodes errorCodes) {
        this.limits = limits;
        this.errorCodes = errorCodes;
    }

    void install(@Observes GraphQL.Builder builder) {
        Instrumentation configured = builder.build().getInstrumentation();
        builder.instrumentation(new ChainedInstrumentation(List.of(configured, new Guard())));
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

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            check(parameters.getExecutionContext());
            return super.beginExecuteOperation(parameters, state);
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(
                ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
            return CompletableFuture.completedFuture(errorCodes.withCodes(result,
                    CallerLanguage.of(parameters.getGraphQLContext()), parameters.getSchema()));
        }
    }

    private void check(ExecutionContext context) {
        var operation = context.getOperationDefinition();
        var shape = new DocumentShape();
        var nodes = new NodeTraverser();
        nodes.depthFirst(shape, operation);
        context.getFragmentsByName().values().forEach(fragment -> nodes.depthFirst(shape, fragment));

        if (shape.introspection && !limits.introspection()) {
            throw new LimitExceeded(ErrorCode.INTROSPECTION_DISABLED, Msg.of("shared.limit.introspection"));
        }
        if (shape.aliases > limits.maxAliases()) {
            throw new LimitExceeded(ErrorCode.QUERY_TOO_LARGE,
                    Msg.of("shared.limit.aliases", shape.aliases, limits.maxAliases()));
        }
        int rootFields = operation.getSelectionSet().getSelections().size();
        if (rootFields > limits.maxRootFields()) {
            throw new LimitExceeded(ErrorCode.QUERY_TOO_LARGE,
                    Msg.of("shared.limit.rootFields", rootFields, limits.maxRootFields()));
        }

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

    private static int depthOf(QueryVisitorFieldEnvironment env) {
        int depth = 0;
        for (var e = env; e != null; e = e.getParentEnvironment()) {
            if (!isIntrospection(e.getField())) {
                depth++;
            }
        }
        return depth;
    }

    private static boolean isIntrospection(Field field) {
        return field.getName().startsWith("__");
    }

    /** Counts aliases and spots introspection in the operation and its fragments. */
    private static final class DocumentShape extends NodeVisitorStub {
        int aliases;
        boolean introspection;

        @Override
        public TraversalControl visitField(Field field, TraverserContext<graphql.language.Node> context) {
            if (field.getAlias() != null) {
                aliases++;
            }
            if (field.getName().equals("__schema") || field.getName().equals("__type")) {
                introspection = true;
            }
            return TraversalControl.CONTINUE;
        }
    }
}
