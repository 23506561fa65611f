package cn.kepu.media.shared.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets in this instance's memory, one per key. A bucket holds at most {@code requests} tokens and refills at
 * {@code requests / period}; a request takes one. Buckets idle long enough to be full again are dropped, so memory
 * follows the number of active callers, not the number ever seen. Time is the monotonic clock (budgets are not a
 * business rule and must not jump with the wall clock).
 *
 * <p>Injected as itself only: {@link SharedRateLimiter} is the {@link RateLimiter}, and falls back on this one.
 */
@ApplicationScoped
@Typed(LocalRateLimiter.class)
public class LocalRateLimiter implements RateLimiter {

    /** Above this many buckets, full ones are swept on the next acquire. */
    private static final int SWEEP_ABOVE = 50_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public LocalRateLimiter() {
        this(System::nanoTime);
    }

    LocalRateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public Decision acquire(String key, Budget budget) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now, budget));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(budget.requests(), now)).take(now, budget);
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }

        synchronized Decision take(long now, Budget budget) {
            refill(now, budget);
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.ALLOW;
            }
            double nanosPerToken = (double) budget.period().toNanos() / budget.requests();
            long waitNanos = (long) Math.ceil((1 - tokens) * nanosPerToken);
            return new Decision(false, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }

        synchronized boolean fullAt(long now, Budget budget) {
            refill(now, budget);
            return tokens >= budget.requests();
        }

        private void refill(long now, Budget budget) {
            double perNano = (double) budget.requests() / budget.period().toNanos();
            tokens = Math.min(budget.requests(), tokens + (now - updatedNanos) * perNano);
            updatedNanos = now;
        }
    }
}
