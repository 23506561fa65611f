package cn.kepu.media.shared.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes requests from per-caller budgets. Implementations decide where budgets live: in this instance's memory
 * ({@link LocalRateLimiter}) or in PostgreSQL, shared by all instances ({@link SharedRateLimiter}, the one injected).
 */
public interface RateLimiter {

    /** {@code requests} per {@code period}, refilled continuously (a token bucket holding at most {@code requests}). */
    record Budget(int requests, Duration period) {
        public Budget {
            if (requests < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a budget needs at least one request per positive period");
            }
        }
    }

    /** Whether the request may proceed; when not, how long until one more request fits (at least one second). */
    record Decision(boolean allowed, long retryAfterSeconds) {
        public static final Decision ALLOW = new Decision(true, 0);
    }

    /** Takes one request from {@code key}'s budget. */
    Decision acquire(String key, Budget budget);

    /**
     * The same, for callers that must not block (the gate runs on the event loop): completed at once when the answer
     * is at hand, later when a shared store must be asked.
     */
    default CompletionStage<Decision> acquireAsync(String key, Budget budget) {
        return CompletableFuture.completedFuture(acquire(key, budget));
    }
}
