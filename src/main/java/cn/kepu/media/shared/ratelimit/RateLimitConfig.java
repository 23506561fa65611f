package cn.kepu.media.shared.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Request budgets per caller at {@code /graphql}. The numbers are for the whole deployment: kept in PostgreSQL and
 * shared by every instance ({@link #shared()}, the default); or, per instance, divided by {@link #instances()}.
 */
@ConfigMapping(prefix = "kepu.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Callers without a (valid) token, per client address. */
    Limit anonymous();

    /** Callers with a valid token, per subject. */
    @WithName("signed-in")
    Limit signedIn();

    /**
     * Whether the budgets are kept in PostgreSQL and shared by all instances ({@link SharedRateLimiter}): the configured
     * numbers hold for the deployment however the balancer spreads a caller's requests. When false, each instance
     * keeps its own ({@link LocalRateLimiter}) and {@link #instances()} divides them.
     */
    @WithDefault("true")
    boolean shared();

    /**
     * Only without {@link #shared()} budgets. Instances sharing the budgets: each enforces {@code requests / instances} (at least one). With the load balancer
     * spreading requests evenly (round robin, no stickiness), the deployment as a whole enforces the configured
     * numbers; with sticky sessions set it to 1 instead, since one instance then sees all of a caller's requests.
     */
    @WithDefault("1")
    int instances();

    interface Limit {
        int requests();

        Duration period();
    }
}
