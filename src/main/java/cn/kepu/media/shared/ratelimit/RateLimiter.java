package cn.kepu.media.shared.ratelimit;

import java.time.Duration;

/**
 * Takes requests from per-caller budgets. Implementations decide where budgets live: in this instance's memory
 * ({@link LocalRateLimiter}) or in a store shared by all instances.
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
}
