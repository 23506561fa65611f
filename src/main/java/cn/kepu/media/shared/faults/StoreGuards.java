package cn.kepu.media.shared.faults;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The one time-out, retry and back-off policy for synchronous calls to Elasticsearch and the object store, as
 * SmallRye Fault Tolerance guards. Apply it with {@code @ApplyGuard(StoreGuards.ELASTICSEARCH)} or
 * {@code @ApplyGuard(StoreGuards.OBJECT_STORAGE)} on a bean method that calls the store, or call through the guard.
 *
 * <p>The policy, per call:
 * <ul>
 * <li><b>time-out</b> of the whole attempt (Elasticsearch 10 s, object store 30 s), on top of the clients' own
 * connect and socket time-outs (application.properties);</li>
 * <li><b>retry</b> at most twice, only on I/O failures that mean "not reached" (refused, reset): 200 ms, then
 * exponential back-off (×2, at most 2 s) with 100 ms jitter. Never on a time-out (a hung store would multiply the wait)
 * and never on the store's own error answers (a 4xx is not transient);</li>
 * <li><b>circuit breaker</b>: when half of the last 10 calls failed, calls fail at once for 10 s instead of each waiting
 * for its time-out, so a hung store stops tying up worker threads; then a trial call closes it again.</li>
 * </ul>
 * Background jobs keep their persisted leases and retry schedules (outbox, renditions): a guard bounds one call, the
 * job decides when to try again.
 */
@ApplicationScoped
public class StoreGuards {

    public static final String ELASTICSEARCH = "elasticsearch";
    public static final String OBJECT_STORAGE = "object-storage";

    @Produces
    @Identifier(ELASTICSEARCH)
    Guard elasticsearch() {
        return policy("elasticsearch", 10, List.of(org.elasticsearch.client.ResponseException.class));
    }

    @Produces
    @Identifier(OBJECT_STORAGE)
    Guard objectStorage() {
        return policy("object-storage", 30, List.of(io.minio.errors.ErrorResponseException.class));
    }

    private static Guard policy(String name, long timeoutSeconds, List<Class<? extends Throwable>> answers) {
        // The store's own error answers (4xx, "no such key") are not transient: never retried, never open the breaker.
        List<Class<? extends Throwable>> noRetry = new java.util.ArrayList<>(answers);
        noRetry.add(InterruptedIOException.class);
        noRetry.add(TimeoutException.class);
        return Guard.create()
                .withDescription(name)
                .withTimeout().duration(timeoutSeconds, ChronoUnit.SECONDS).done()
                .withRetry().maxRetries(2).delay(200, ChronoUnit.MILLIS).jitter(100, ChronoUnit.MILLIS)
                .retryOn(IOException.class).abortOn(noRetry)
                .withExponentialBackoff().factor(2).maxDelay(2, ChronoUnit.SECONDS).done()
                .done()
                .withCircuitBreaker().name(name).requestVolumeThreshold(10).failureRatio(0.5)
                .delay(10, ChronoUnit.SECONDS).successThreshold(1)
                .failOn(List.of(IOException.class, TimeoutException.class)).skipOn(answers)
                .done()
                .build();
    }
}
