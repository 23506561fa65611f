package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many bulk (ZIP) downloads this instance streams at once, in all and per outlet account. A stream holds a worker
 * thread and a connection to object storage for as long as the client reads (minutes for gigabytes), so without a cap
 * a few outlets (or one URL fetched in a loop) could take every worker thread; past the cap a fetch is refused at once
 * with {@code RATE_LIMITED} and {@code Retry-After}, and the URL stays valid for the retry. Counted per instance, as
 * the threads are.
 */
@ApplicationScoped
public class BulkStreams {

    /** Why a stream was refused: this instance is at its cap, or the account is at its own. */
    public enum Refusal {
        INSTANCE, ACCOUNT
    }

    /** A running stream's place; close it when the stream ends (once; later closes do nothing). */
    public final class Permit implements AutoCloseable {
        private final UUID account;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Permit(UUID account) {
            this.account = account;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(account);
            }
        }
    }

    private final MediaConfig.Bulk config;
    private final Map<UUID, Integer> perAccount = new ConcurrentHashMap<>();
    private int running;

    public BulkStreams(MediaConfig config) {
        this.config = config.bulk();
    }

    /** A permit for one more stream of {@code account}'s download, or why not. */
    public synchronized Result tryAcquire(UUID account) {
        if (running >= config.maxStreams()) {
            return new Result(Optional.empty(), Optional.of(Refusal.INSTANCE));
        }
        if (perAccount.getOrDefault(account, 0) >= config.maxStreamsPerAccount()) {
            return new Result(Optional.empty(), Optional.of(Refusal.ACCOUNT));
        }
        running++;
        perAccount.merge(account, 1, Integer::sum);
        return new Result(Optional.of(new Permit(account)), Optional.empty());
    }

    /** Either a permit or the reason for refusing one. */
    public record Result(Optional<Permit> permit, Optional<Refusal> refusal) {
    }

    /** Streams running now (all accounts). */
    public synchronized int running() {
        return running;
    }

    private synchronized void release(UUID account) {
        running--;
        perAccount.computeIfPresent(account, (a, n) -> n <= 1 ? null : n - 1);
    }
}
