package cn.kepu.media.shared.graphql;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The engine's instrumentations chained as graphql-java chains them, except that the hooks called for every field
 * (begin field execution, fetch, completion, the data fetcher wrap, each object) go straight to the one instrumentation
 * that does something there ({@link QueryGuard}'s), not through the chain: graphql-java's chain collects every member's
 * context for each of them, no-ops included, in new lists (8 % of an uncached searchWorks request's CPU, JFR 2026-12-03,
 * with 20 hits of some 30 fields each). Built only when every other member leaves those hooks as the interface or the
 * Simple(Performant)Instrumentation defaults them (SmallRye's query cache validates, a mutation watch ends operations)
 * and keeps no per-operation state; otherwise {@link #of} returns the plain chain.
 */
final class LeanInstrumentation extends ChainedInstrumentation {

    /** The hooks called per field or per object of the result. */
    private static final Set<String> PER_FIELD = Set.of("beginFieldExecution", "beginFieldFetch", "beginFieldFetching",
            "beginFieldCompletion", "beginFieldListCompletion", "beginExecuteObject", "beginDeferredField",
            "instrumentDataFetcher");
    /** Classes whose per-field hooks are no-ops. */
    private static final Set<Class<?>> NO_OPS = Set.of(Instrumentation.class, SimpleInstrumentation.class,
            SimplePerformantInstrumentation.class);

    private final Instrumentation perField;

    private LeanInstrumentation(List<Instrumentation> chain, Instrumentation perField) {
        super(chain);
        this.perField = perField;
    }

    /**
     * The chain of {@code members} (nested chains flattened, order kept), its per-field hooks going to {@code perField}
     * alone when that is safe (see the class comment).
     */
    static Instrumentation of(List<Instrumentation> members, Instrumentation perField) {
        List<Instrumentation> flat = new ArrayList<>();
        flatten(members, flat);
        boolean lean = flat.contains(perField) && statelessWithoutFieldHooks(perField, false);
        for (Instrumentation member : flat) {
            lean &= member == perField || statelessWithoutFieldHooks(member, true);
        }
        return lean ? new LeanInstrumentation(flat, perField) : new ChainedInstrumentation(flat);
    }

    private static void flatten(List<Instrumentation> members, List<Instrumentation> into) {
        for (Instrumentation member : members) {
            if (member instanceof ChainedInstrumentation chain && member.getClass() == ChainedInstrumentation.class) {
                flatten(chain.getInstrumentations(), into);
            } else {
                into.add(member);
            }
        }
    }

    /** Whether {@code member} keeps no state (so null is its state) and, if {@code noFieldHooks}, has none per field. */
    private static boolean statelessWithoutFieldHooks(Instrumentation member, boolean noFieldHooks) {
        for (var method : member.getClass().getMethods()) {
            boolean state = method.getName().equals("createState") || method.getName().equals("createStateAsync");
            boolean field = noFieldHooks && PER_FIELD.contains(method.getName());
            if ((state || field) && !NO_OPS.contains(method.getDeclaringClass())
                    && method.getDeclaringClass() != Object.class) {
                return false;
            }
        }
        return true;
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        return perField.beginFieldExecution(parameters, null);
    }

    @Override
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return perField.beginFieldFetch(parameters, null);
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return perField.beginFieldFetching(parameters, null);
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return perField.beginFieldCompletion(parameters, null);
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return perField.beginFieldListCompletion(parameters, null);
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return perField.beginExecuteObject(parameters, null);
    }

    @Override
    public InstrumentationContext<Object> beginDeferredField(InstrumentationState state) {
        return perField.beginDeferredField(null);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return perField.instrumentDataFetcher(dataFetcher, parameters, null);
    }
}
