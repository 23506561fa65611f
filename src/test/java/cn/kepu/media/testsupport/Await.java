package cn.kepu.media.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting in tests for what arrives later and cannot be told to the test (an upload's verdict, renditions, a
 * background job): ask, and ask again after a pause, until the answer is the one awaited or the time is up. The one
 * poll loop of the tests and benchmarks; the deadline bounds every wait.
 */
public final class Await {

    /** How long a test waits by default: far above any verdict or job on a loaded machine. */
    public static final Duration WITHIN = Duration.ofSeconds(60);
    /** The default pause between two questions. */
    public static final Duration EVERY = Duration.ofMillis(50);

    private Await() {
    }

    /**
     * Asks until {@code done} accepts the answer or {@code within} has passed, pausing {@code every} in between;
     * returns the last answer either way, so the caller decides what a late one means (a benchmark reports it).
     */
    public static <T> T answer(Supplier<T> ask, Predicate<? super T> done, Duration within, Duration every) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            T answer = ask.get();
            if (done.test(answer) || System.nanoTime() - deadline >= 0) {
                return answer;
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    /** {@link #answer}, but a late answer fails the test, naming what was awaited and the last answer. */
    public static <T> T until(String what, Supplier<T> ask, Predicate<? super T> done, Duration within,
            Duration every) {
        T answer = answer(ask, done, within, every);
        if (!done.test(answer)) {
            throw new AssertionError(what + ": not within " + within + "; last answer: " + answer);
        }
        return answer;
    }

    /** Waits (up to {@link #WITHIN}, asking every {@link #EVERY}) until {@code condition} holds. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition::getAsBoolean, Boolean::booleanValue, WITHIN, EVERY);
    }
}
