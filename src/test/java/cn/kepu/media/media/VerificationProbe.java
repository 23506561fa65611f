package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches verifications as they start ({@link UploadVerifier.Verifying}, fired on the verifying thread before the
 * bytes are read back): counts them per upload, and can hold one upload's verification until the test lets it go.
 * Passive for every upload no test asked about.
 */
@ApplicationScoped
public class VerificationProbe {

    private final Map<UUID, AtomicInteger> started = new ConcurrentHashMap<>();
    private final Map<UUID, CountDownLatch> gates = new ConcurrentHashMap<>();

    void verifying(@Observes UploadVerifier.Verifying event) throws InterruptedException {
        started.computeIfAbsent(event.uploadId(), id -> new AtomicInteger()).incrementAndGet();
        CountDownLatch gate = gates.get(event.uploadId());
        if (gate != null) {
            // Bounded, so a failing test cannot leave a verifier thread stuck for the classes after it.
            gate.await(60, TimeUnit.SECONDS);
        }
    }

    /** Verifications of {@code uploadId} that started so far. */
    public int started(UUID uploadId) {
        AtomicInteger count = started.get(uploadId);
        return count == null ? 0 : count.get();
    }

    /** Holds the verification of {@code uploadId} when it starts, until {@link #release}. */
    public void hold(UUID uploadId) {
        gates.put(uploadId, new CountDownLatch(1));
    }

    public void release(UUID uploadId) {
        CountDownLatch gate = gates.remove(uploadId);
        if (gate != null) {
            gate.countDown();
        }
    }
}
