package cn.kepu.media.devstack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something outside the JVM (a port, a process exit) that cannot notify us. */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {
    }

    /** Checks {@code condition} until it holds or {@code timeout} has passed; returns whether it held. */
    static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            sleep(INTERVAL);
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for the local stack", e);
        }
    }
}
