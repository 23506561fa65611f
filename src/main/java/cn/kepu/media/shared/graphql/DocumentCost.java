package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a parsed document would cost once its fragments are expanded, computed before graphql-java validates or
 * executes it, and refused early: the expensive steps (validation's field merging, traversals, execution) all work on
 * the expanded document, whose size can grow exponentially with a few hundred tokens of chained fragment spreads.
 *
 * <p>Each fragment's expanded size is computed once (memoised), so the analysis is linear in the document, and every
 * count stops at its limit: a hostile document is refused after at most a few thousand steps, whatever its shape or
 * names (renaming fragments changes nothing here). Counted per operation (the one named in the request, or each one
 * when none is named): fields (with fragments expanded), aliased fields, top-level fields, depth; and per document
 * fragment definitions and spreads. Introspection subtrees ({@code __schema}, {@code __type}) count towards the field
 * total but not towards depth: the standard introspection query nests {@code ofType} eight levels deep and its cost is
 * bounded by the schema; {@link QueryGuard} bounds how many lists it may nest.
 */
final class DocumentCost {

    /** A refusal: the code and the message for it. */
    record Refusal(ErrorCode code, Msg msg) {
    }

    /** Totals of one selection set with fragments expanded; saturated at {@link #CAP}. */
    private record Size(long fields, long aliases, int depth) {
        static final Size ZERO = new Size(0, 0, 0);

        Size plus(Size other) {
            return new Size(cap(fields + other.fields), cap(aliases + other.aliases), Math.max(depth, other.depth));
        }
    }

    private static final long CAP = 1_000_000_000L;

    private final GraphQLLimits limits;
    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    private final Map<String, Size> expanded = new HashMap<>();
    private final Set<String> expanding = new HashSet<>();
    private long steps;

    private DocumentCost(GraphQLLimits limits) {
        this.limits = limits;
    }

    /** Empty when the document is within every limit. */
    static Optional<Refusal> check(Document document, String operationName, GraphQLLimits limits) {
        return new DocumentCost(limits).run(document, operationName);
    }

    private Optional<Refusal> run(Document document, String operationName) {
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.putIfAbsent(fragment.getName(), fragment);
            }
        }
        if (fragments.size() > limits.maxFragments()) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.fragments", fragments.size(),
                    limits.maxFragments()));
        }
        int spreads = countSpreads(document);
        if (spreads > limits.maxFragmentSpreads()) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.spreads", spreads,
                    limits.maxFragmentSpreads()));
        }
        try {
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof OperationDefinition operation
                        && (operationName == null || operationName.isBlank()
                                || operationName.equals(operation.getName()))) {
                    Optional<Refusal> refusal = checkOperation(operation);
                    if (refusal.isPresent()) {
                        return refusal;
                    }
                }
            }
        } catch (TooLarge e) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.selections", limits.maxSelections()));
        }
        return Optional.empty();
    }

    private Optional<Refusal> checkOperation(OperationDefinition operation) {
        long rootFields = rootFields(operation.getSelectionSet(), new HashSet<>());
        if (rootFields > limits.maxRootFields()) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.rootFields", rootFields,
                    limits.maxRootFields()));
        }
        Size size = sizeOf(operation.getSelectionSet(), false);
        if (size.fields() > limits.maxSelections()) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.selections", limits.maxSelections()));
        }
        if (size.aliases() > limits.maxAliases()) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.aliases", size.aliases(),
                    limits.maxAliases()));
        }
        if (size.depth() > limits.maxDepth()) {
            return refuse(ErrorCode.QUERY_TOO_DEEP, Msg.of("shared.limit.depth", size.depth(), limits.maxDepth()));
        }
        return Optional.empty();
    }

    /** Top-level fields, looking through fragments spread or inlined at the top level. */
    private long rootFields(SelectionSet selections, Set<String> seen) {
        long count = 0;
        for (Selection<?> selection : selections.getSelections()) {
            step();
            switch (selection) {
                case Field ignored -> count++;
                case InlineFragment inline -> count += rootFields(inline.getSelectionSet(), seen);
                case FragmentSpread spread -> {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null && seen.add(spread.getName())) {
                        count += rootFields(fragment.getSelectionSet(), seen);
                    }
                }
                default -> {
                }
            }
        }
        return count;
    }

    /** Expanded size of a selection set; {@code inIntrospection}: below {@code __schema}/{@code __type}. */
    private Size sizeOf(SelectionSet selections, boolean inIntrospection) {
        if (selections == null) {
            return Size.ZERO;
        }
        Size total = Size.ZERO;
        for (Selection<?> selection : selections.getSelections()) {
            step();
            Size part = switch (selection) {
                case Field field -> {
                    boolean introspection = inIntrospection
                            || field.getName().equals("__schema") || field.getName().equals("__type");
                    Size below = sizeOf(field.getSelectionSet(), introspection);
                    yield new Size(cap(1 + below.fields()), cap((field.getAlias() != null ? 1 : 0) + below.aliases()),
                            introspection ? 0 : below.depth() + 1);
                }
                case InlineFragment inline -> sizeOf(inline.getSelectionSet(), inIntrospection);
                case FragmentSpread spread -> fragmentSize(spread.getName(), inIntrospection);
                default -> Size.ZERO;
            };
            total = total.plus(part);
            if (total.fields() > limits.maxSelections()) {
                throw new TooLarge();
            }
        }
        return total;
    }

    private Size fragmentSize(String name, boolean inIntrospection) {
        FragmentDefinition fragment = fragments.get(name);
        // Unknown fragments and cycles are validation errors graphql-java reports; they cost nothing here.
        if (fragment == null || !expanding.add(name)) {
            return Size.ZERO;
        }
        try {
            String key = name + (inIntrospection ? "#i" : "");
            Size known = expanded.get(key);
            if (known == null) {
                known = sizeOf(fragment.getSelectionSet(), inIntrospection);
                expanded.put(key, known);
            }
            return known;
        } finally {
            expanding.remove(name);
        }
    }

    private int countSpreads(Document document) {
        int[] count = {0};
        new graphql.language.NodeTraverser().preOrder(new graphql.language.NodeVisitorStub() {
            @Override
            public graphql.util.TraversalControl visitFragmentSpread(FragmentSpread node,
                    graphql.util.TraverserContext<graphql.language.Node> context) {
                count[0]++;
                return graphql.util.TraversalControl.CONTINUE;
            }
        }, document);
        return count[0];
    }

    /** Bounds the work of the analysis itself, whatever the document's shape. */
    private void step() {
        if (++steps > 50L * limits.maxSelections()) {
            throw new TooLarge();
        }
    }

    private static long cap(long value) {
        return Math.min(value, CAP);
    }

    private static Optional<Refusal> refuse(ErrorCode code, Msg msg) {
        return Optional.of(new Refusal(code, msg));
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
