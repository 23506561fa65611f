package cn.kepu.media.shared.health;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Runs a blocking readiness check on a virtual thread of its own and answers DOWN when it has not answered within
 * {@link #DEADLINE}. SmallRye Health calls plain {@code HealthCheck}s one after another on the probe's thread, so
 * checks that each bound their own store call (2 s) still added up with every store hung (PostgreSQL, then the object
 * store, ~7 s in all, plus any wait for a pooled connection, which no statement time-out covers). As
 * {@code AsyncHealthCheck}s built here they run side by side, and each answer is bounded whatever the check blocks on:
 * a whole probe takes about the deadline at worst. The check itself is unchanged; a check still running at the
 * deadline finishes in the background (its own time-outs end it) and its late answer is dropped.
 */
public final class BoundedProbe {

    /** Longest wait for one check: above the checks' own 2 s time-outs, below a probe's usual 3 s. */
    public static final Duration DEADLINE = Duration.ofMillis(2_500);

    private BoundedProbe() {
    }

    public static Uni<HealthCheckResponse> of(String name, Supplier<HealthCheckResponse> check) {
        return of(name, check, DEADLINE);
    }

    public static Uni<HealthCheckResponse> of(String name, Supplier<HealthCheckResponse> check, Duration deadline) {
        return Uni.createFrom().item(check)
                .runSubscriptionOn(task -> Thread.ofVirtual().name("readiness-" + name).start(task))
                .ifNoItem().after(deadline)
                .recoverWithItem(() -> HealthCheckResponse.named(name).down()
                        .withData("error", "no answer within " + deadline.toMillis() + " ms").build());
    }
}
