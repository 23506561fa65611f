package cn.kepu.media.shared.graphql;

import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.spi.EventingService;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Installs {@link QueryGuard}, and the mutation watch of {@link PublicAnswerCache}, when SmallRye GraphQL builds its
 * engine, through SmallRye's own service-loader hook ({@code META-INF/services/io.smallrye.graphql.spi.EventingService}).
 *
 * <p>Why not a CDI observer of {@code GraphQL.Builder}: that needs {@code quarkus.smallrye-graphql.events.enabled},
 * which also fires CDI events before and after every field fetched. On the listing of 50 works (about 750 fields)
 * that event dispatch was about a tenth of the request's CPU (JFR, issue 13). This hook has no per-field methods, so
 * the per-field calls SmallRye still makes on it are the interface's empty defaults.
 */
public final class GraphQLBuildHook implements EventingService {

    /** No configuration key: always enabled, whatever {@code events.enabled} says. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        withoutBlockedFieldsByDefault(builder);
        var container = Arc.container();
        container.instance(QueryGuard.class).get().install(builder,
                container.instance(PublicAnswerCache.class).get().mutationWatch());
        return builder;
    }

    /**
     * SmallRye turns any field-visibility setting other than empty or {@code no-introspection} into graphql-java's
     * {@code BlockedFields} with the setting's parts as patterns, Quarkus' default {@code default} included: a pattern
     * that no {@code Type.field} name can match (it has no dot), but which graphql-java then matches against the
     * field's qualified name on every field-definition look-up (2 % of an uncached searchWorks request's CPU, JFR
     * 2026-12-03). With that default, the schema gets graphql-java's default visibility, which blocks the same nothing.
     */
    private static void withoutBlockedFieldsByDefault(GraphQL.Builder builder) {
        String setting = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class).orElse("default");
        GraphQLSchema schema = builder.build().getGraphQLSchema();
        if (!setting.strip().equals("default")
                || !(schema.getCodeRegistry().getFieldVisibility() instanceof BlockedFields)) {
            return;
        }
        builder.schema(schema.transformWithoutTypes(without -> without.codeRegistry(schema.getCodeRegistry()
                .transform(registry -> registry.fieldVisibility(
                        DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)))));
    }
}
