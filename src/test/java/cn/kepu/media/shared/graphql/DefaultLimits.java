package cn.kepu.media.shared.graphql;

import java.time.Duration;

/** The configured {@code kepu.graphql.*} defaults for unit tests that run the guards without Quarkus. */
final class DefaultLimits {

    private DefaultLimits() {
    }

    /** The defaults, with the given time budget per operation. */
    static GraphQLLimits withTimeBudget(Duration budget) {
        return new GraphQLLimits() {
            public int maxDepth() { return 10; }
            public int maxComplexity() { return 20_000; }
            public int maxAliases() { return 30; }
            public int maxRootFields() { return 15; }
            public int maxFragments() { return 50; }
            public int maxFragmentSpreads() { return 200; }
            public int maxSelections() { return 1_500; }
            public Duration maxOperationTime() { return budget; }
            public int maxBodyBytes() { return 262_144; }
            public int maxTokens() { return 5_000; }
            public int maxPageSize() { return 100; }
            public int defaultPageSize() { return 20; }
            public boolean introspection() { return true; }
        };
    }
}
