package cn.kepu.media.shared.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds that keep one GraphQL request from costing more than a page of honest reads. */
@ConfigMapping(prefix = "kepu.graphql")
public interface GraphQLLimits {

    /** Deepest field nesting allowed, not counting introspection fields. */
    @WithDefault("10")
    int maxDepth();

    /** Fields times the page sizes that multiply them (see {@link QueryGuard}). */
    @WithDefault("20000")
    int maxComplexity();

    /** Aliased fields per document: aliases are how one request fans out into many. */
    @WithDefault("30")
    int maxAliases();

    /** Top-level fields per operation. */
    @WithDefault("15")
    int maxRootFields();

    /** Tokens the parser reads before giving up; enforced by {@link GraphQLRequestGate}. */
    @WithDefault("5000")
    int maxTokens();

    /** Largest {@code first} a connection accepts. */
    @WithDefault("100")
    int maxPageSize();

    /** Page size when {@code first} is omitted. */
    @WithDefault("20")
    int defaultPageSize();

    /** Whether {@code __schema} and {@code __type} may be queried; production switches it off. */
    @WithDefault("true")
    boolean introspection();
}
