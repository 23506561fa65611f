package cn.kepu.media.shared.faults;

import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.StoreFailures;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * The one time-out, retry and back-off policy for synchronous calls to Elasticsearch and the object store, as
 * SmallRye Fault Tolerance guards, injected with {@code @Identifier(StoreGuards.…)} into the one class that talks to
 * each store ({@code search/SearchIndex}, {@code media/MediaStorage}) and applied to every call there.
 *
 * <p>The policy, per call:
 * <ul>
 * <li><b>time-outs</b>: the clients' own connect and socket time-outs (application.properties: Elasticsearch 2 s /
 * 10 s, writes 60 s; S3 2 s / 30 s per read or write), and on top the guard's time-out of the whole call
 * (interactive Elasticsearch 10 s, Elasticsearch writes 65 s, S3 requests 30 s; S3 transfers of whole files none: the
 * client's per-read/write time-out bounds a stalled transfer, a large file may take longer than any fixed bound);</li>
 * <li><b>retry</b> at most twice, and only when the store was <i>not reached</i> (connection refused, no route, unknown
 * host: the request was never sent, so repeating it is safe for every call, idempotent or not): 200 ms, then
 * exponential back-off (×2, at most 2 s) with 100 ms jitter. Never after a time-out (a hung store would multiply the
 * wait), a reset (the request may have been applied) or the store's own error answer;</li>
 * <li><b>circuit breaker</b>, one per store ({@code elasticsearch}, {@code object-storage}): when half of the last 10
 * calls failed with an outage (not reached, timed out, reset; never a 4xx answer), calls fail at once for 10 s
 * instead of each waiting for its time-out, so a hung store stops tying up worker threads; then one trial call closes
 * it again. Only client searches count towards the search breaker and are refused by it: background calls (index
 * writes, and the reads of the indexer, the reindex and the drift comparison, see {@link #ELASTICSEARCH_BACKGROUND})
 * have guards without one. A drift scan of a large index timing out, or the indexer's reads failing during a cluster
 * restart, says little about whether a small search would be answered now; counting them would refuse users'
 * searches for 10 s on the strength of a job's trouble. Client searches that time out open the breaker on their own
 * after ten calls.</li>
 * </ul>
 * A call the guard gives up on (time-out, open breaker) surfaces as the store's typed, retryable error through
 * {@link #call}: {@code SEARCH_UNAVAILABLE} or {@code STORAGE_UNAVAILABLE} with {@code retryAfterSeconds}. Background
 * jobs keep their persisted leases and retry schedules (search outbox, renditions, cleanup): a guard bounds one call,
 * the job decides when to try again.
 */
@ApplicationScoped
public class StoreGuards {

    // Each guard is one instance (@Singleton): its circuit breaker is shared by every caller and registered once.

    /** Searches and reads of the index (client requests). */
    public static final String ELASTICSEARCH = "elasticsearch";
    /**
     * Reads made by background work (the indexer's and the reindex's alias lookups, the drift comparison's scan): the
     * interactive time-out, no circuit breaker, so their failures neither open nor meet the search breaker.
     */
    public static final String ELASTICSEARCH_BACKGROUND = "elasticsearch-background";
    /** Index writes and administration (bulk, refresh, create, aliases): background, with a longer time-out. */
    public static final String ELASTICSEARCH_WRITES = "elasticsearch-writes";
    /** Requests to the object store (stat, small puts, multipart bookkeeping, opening a download). */
    public static final String OBJECT_STORAGE = "object-storage";
    /** Whole-file uploads to the object store: retried when not reached, no overall time-out. */
    public static final String OBJECT_STORAGE_TRANSFERS = "object-storage-transfers";

    static final int MAX_RETRIES = 2;

    @Produces
    @Singleton
    @Identifier(ELASTICSEARCH)
    Guard elasticsearch() {
        return policy(ELASTICSEARCH, 10, true);
    }

    @Produces
    @Singleton
    @Identifier(ELASTICSEARCH_BACKGROUND)
    Guard elasticsearchBackground() {
        return policy(ELASTICSEARCH_BACKGROUND, 10, false);
    }

    @Produces
    @Singleton
    @Identifier(ELASTICSEARCH_WRITES)
    Guard elasticsearchWrites() {
        return policy(ELASTICSEARCH_WRITES, 65, false);
    }

    @Produces
    @Singleton
    @Identifier(OBJECT_STORAGE)
    Guard objectStorage() {
        return policy(OBJECT_STORAGE, 30, true);
    }

    @Produces
    @Singleton
    @Identifier(OBJECT_STORAGE_TRANSFERS)
    Guard objectStorageTransfers() {
        return policy(OBJECT_STORAGE_TRANSFERS, 0, false);
    }

    /** The policy; {@code timeoutSeconds} 0 for none. Package-visible for its unit test. */
    static Guard policy(String name, long timeoutSeconds, boolean breaker) {
        Guard.Builder builder = Guard.create().withDescription(name);
        if (timeoutSeconds > 0) {
            builder.withTimeout().duration(timeoutSeconds, ChronoUnit.SECONDS).done();
        }
        builder.withRetry().maxRetries(MAX_RETRIES).delay(200, ChronoUnit.MILLIS).jitter(100, ChronoUnit.MILLIS)
                .whenException(StoreGuards::notReached)
                .withExponentialBackoff().factor(2).maxDelay(2, ChronoUnit.SECONDS).done()
                .done();
        if (breaker) {
            builder.withCircuitBreaker().name(name).requestVolumeThreshold(10).failureRatio(0.5)
                    .delay(10, ChronoUnit.SECONDS).successThreshold(1)
                    .when(StoreGuards::outage)
                    .done();
        }
        return builder.build();
    }

    /**
     * Whether a failure counts against the breaker: the store did not answer (I/O failure, time-out, classified outage),
     * as opposed to answering with an error of its own (4xx, no such key), which says the store is up.
     */
    static boolean outage(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        boolean io = false;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.equals("org.elasticsearch.client.ResponseException")
                    || name.equals("io.minio.errors.ErrorResponseException")) {
                return false;
            }
            io |= t instanceof java.io.IOException || t instanceof FaultToleranceException;
        }
        return io || StoreFailures.classify(failure).isPresent();
    }

    /** Whether the request never reached the store (so it was not applied): the only failures worth a retry. */
    static boolean notReached(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Calls the store through the guard. The guard's own refusals (time-out, open breaker) become the store's typed
     * outage ({@code outage}: {@code SEARCH_UNAVAILABLE} or {@code STORAGE_UNAVAILABLE}); anything the call threw is
     * rethrown as it was. {@code type} is the result type (null: a plain synchronous value).
     */
    public static <T> T call(Guard guard, ErrorCode outage, Class<T> type, Callable<T> call) throws Exception {
        try {
            @SuppressWarnings("unchecked")
            Class<T> synchronous = type == null ? (Class<T>) Object.class : type;
            return guard.call(call, synchronous);
        } catch (FaultToleranceException e) {
            throw StoreFailures.unavailable(outage, e);
        }
    }
}
