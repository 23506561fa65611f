package cn.kepu.media.shared.graphql;

import graphql.GraphQL;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.spi.EventingService;

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
        var container = Arc.container();
        container.instance(QueryGuard.class).get().install(builder,
                container.instance(PublicAnswerCache.class).get().mutationWatch());
        return builder;
    }
}
