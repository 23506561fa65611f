package cn.kepu.media.testsupport;

import cn.kepu.media.shared.graphql.GraphQLLimits;
import io.quarkus.test.Mock;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The GraphQL limits of every Quarkus test: the configured {@code kepu.graphql.*} values, except those a test
 * overrides for itself ({@link #introspection(boolean)}, {@link #maxDepth(int)}) and restores with {@link #reset()}.
 * The limits are read per request, so a production-style switch is a method call instead of a {@code @TestProfile}
 * that restarts the application (about 12 s each).
 */
@Mock
@Singleton
public class TestGraphQLLimits implements GraphQLLimits {

    private final GraphQLLimits configured = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
            .getConfigMapping(GraphQLLimits.class);
    private volatile Integer maxDepth;
    private volatile Boolean introspection;

    public void maxDepth(int value) {
        maxDepth = value;
    }

    public void introspection(boolean value) {
        introspection = value;
    }

    public void reset() {
        maxDepth = null;
        introspection = null;
    }

    @Override
    public int maxDepth() {
        Integer value = maxDepth;
        return value != null ? value : configured.maxDepth();
    }

    @Override
    public boolean introspection() {
        Boolean value = introspection;
        return value != null ? value : configured.introspection();
    }

    @Override
    public int maxComplexity() {
        return configured.maxComplexity();
    }

    @Override
    public int maxAliases() {
        return configured.maxAliases();
    }

    @Override
    public int maxRootFields() {
        return configured.maxRootFields();
    }

    @Override
    public int maxFragments() {
        return configured.maxFragments();
    }

    @Override
    public int maxFragmentSpreads() {
        return configured.maxFragmentSpreads();
    }

    @Override
    public int maxSelections() {
        return configured.maxSelections();
    }

    @Override
    public Duration maxOperationTime() {
        return configured.maxOperationTime();
    }

    @Override
    public int maxBodyBytes() {
        return configured.maxBodyBytes();
    }

    @Override
    public int maxTokens() {
        return configured.maxTokens();
    }

    @Override
    public int maxPageSize() {
        return configured.maxPageSize();
    }

    @Override
    public int defaultPageSize() {
        return configured.defaultPageSize();
    }
}
