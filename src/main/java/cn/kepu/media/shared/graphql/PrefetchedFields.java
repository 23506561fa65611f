package cn.kepu.media.shared.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Field values a resolver has already read for the objects it returns, so that graphql-java takes them as they are
 * instead of calling the fields' resolvers: a page of search hits reads its works' creators and topics together with
 * the works, in one statement, and the {@code creators}/{@code topics} batch resolvers would only look them up again.
 * Skipping them skips more than the query: SmallRye builds a context for every element a batch resolver is asked for
 * (selected fields as JSON-P, twice, the path as a string) and a data-loader round per level (together about a tenth
 * of an uncached searchWorks request's CPU, JFR 2026-12-03).
 *
 * <p>Kept in the operation's {@link GraphQLContext}, by the identity of the returned object, so they live exactly as
 * long as the operation and apply only to the objects they were read for. {@link QueryGuard} consults them when a
 * field's data fetcher is taken, for a field asked without arguments; the value must be what the resolver would have
 * returned for that object.
 */
public final class PrefetchedFields {

    private static final String KEY = "kepu.prefetched-fields";

    private PrefetchedFields() {
    }

    /**
     * Keeps {@code values} (by returned object, then field name) for the rest of the operation; added to what is kept
     * already (a copy, so readers never see a map being written).
     */
    public static void keep(GraphQLContext context, Map<Object, Map<String, Object>> values) {
        if (values.isEmpty()) {
            return;
        }
        context.compute(KEY, (key, kept) -> {
            @SuppressWarnings("unchecked")
            Map<Object, Map<String, Object>> merged = kept == null ? new IdentityHashMap<>()
                    : new IdentityHashMap<>((Map<Object, Map<String, Object>>) kept);
            merged.putAll(values);
            return merged;
        });
    }

    /** The kept value of {@code field} of the environment's source as a data fetcher, or null when none is kept. */
    static DataFetcher<?> of(DataFetchingEnvironment environment, String field) {
        Map<Object, Map<String, Object>> kept = environment.getGraphQlContext().get(KEY);
        // A value read ahead answers the field as asked without arguments only.
        if (kept == null || !environment.getArguments().isEmpty()) {
            return null;
        }
        Map<String, Object> fields = kept.get(environment.getSource());
        if (fields == null || !fields.containsKey(field)) {
            return null;
        }
        Object value = fields.get(field);
        return ignored -> value;
    }
}
