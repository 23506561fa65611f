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

    /**
     * Aliased fields per operation, each counted once where it is executed (an alias inside a fragment counts once per
     * place the fragment is spread): aliases are how one request fans out into many.
     */
    @WithDefault("30")
    int maxAliases();

    /** Top-level fields per operation, including those selected through fragments. */
    @WithDefault("15")
    int maxRootFields();

    /** Fragment definitions per document. */
    @WithDefault("50")
    int maxFragments();

    /** Fragment spreads ({@code ...Name}) written in a document. */
    @WithDefault("200")
    int maxFragmentSpreads();

    /**
     * Fields per operation once every fragment is expanded: what validation and execution actually walk. The standard
     * introspection query (GraphiQL's, code generators') expands to about 250.
     */
    @WithDefault("1500")
    int maxSelections();

    /**
     * Wall-clock budget of one operation's execution; checked before every field is resolved, so an operation that
     * runs past it stops with {@code QUERY_TIMEOUT} (store calls have their own, shorter, client time-outs).
     */
    @WithDefault("10s")
    java.time.Duration maxOperationTime();

    /** Largest request body accepted at {@code /graphql}; larger ones get {@code QUERY_TOO_LARGE} (HTTP 413). */
    @WithDefault("262144")
    int maxBodyBytes();

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

    /**
     * The values the document checks read, as one comparable value: what a check's outcome is kept under together with
     * the document ({@link GraphQLRequestGate}, {@link QueryGuard}), so a limit changed at run time (tests switch
     * introspection and the depth) never lets a kept outcome stand for a check that would now refuse.
     */
    default Object checkedValues() {
        return java.util.List.of(maxDepth(), maxComplexity(), maxAliases(), maxRootFields(), maxFragments(),
                maxFragmentSpreads(), maxSelections(), maxTokens(), maxPageSize(), defaultPageSize(), introspection());
    }
}
