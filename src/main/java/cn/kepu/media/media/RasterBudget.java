package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The heap that decoded pictures may hold at once on this instance ({@code kepu.media.processing.raster-budget}).
 * Whoever decodes pixels in the JVM first asks {@link #fits} how large a raster may be, chooses its subsampling so
 * it fits, and holds a {@link Lease} for its estimate while the pixels live; the next decode waits for room instead
 * of running the heap out. Counted in KiB so a budget of several GiB still fits a semaphore's int permits.
 */
@ApplicationScoped
public class RasterBudget {

    /** No room within the wait: the step fails (and is retried, for renditions) instead of risking the heap. */
    public static class Exhausted extends IOException {
        Exhausted(String message) {
            super(message);
        }
    }

    private final long capacity;
    private final java.time.Duration wait;
    private final Semaphore permits;

    @jakarta.inject.Inject
    public RasterBudget(MediaConfig config) {
        this(config.processing().rasterBudget(), config.processing().rasterWait());
    }

    /** A budget of its own (benchmarks and tools outside the application). */
    public RasterBudget(long capacity, java.time.Duration wait) {
        this.capacity = Math.max(1024, capacity);
        this.wait = wait;
        this.permits = new Semaphore(kib(this.capacity), true);
    }

    /** The whole budget in bytes: the most one decode may ask for. */
    public long capacity() {
        return capacity;
    }

    /** Whether a decode of this estimate can ever be granted. */
    public boolean fits(long bytes) {
        return bytes <= capacity;
    }

    /** Waits up to {@code raster-wait} for room for {@code bytes} (at most the whole budget). */
    public Lease acquire(long bytes) throws Exhausted {
        int wanted = kib(Math.min(Math.max(bytes, 1), capacity));
        try {
            if (!permits.tryAcquire(wanted, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Exhausted("no room for a " + (bytes >> 20) + " MiB raster within "
                        + wait.toSeconds() + " s (raster budget "
                        + (capacity >> 20) + " MiB busy)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Exhausted("interrupted while waiting for the raster budget");
        }
        return new Lease(wanted);
    }

    /** Bytes of the budget free now (for tests and metrics). */
    long available() {
        return (long) permits.availablePermits() * 1024;
    }

    private static int kib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + 1023) / 1024);
    }

    /** Room held in the budget until closed. */
    public final class Lease implements AutoCloseable {
        private int held;

        private Lease(int held) {
            this.held = held;
        }

        @Override
        public void close() {
            if (held > 0) {
                permits.release(held);
                held = 0;
            }
        }
    }
}
