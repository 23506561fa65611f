package cn.kepu.media.media;

import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.Work;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Verifies completed uploads as a job, after {@code completeUpload} has answered: completes the multipart upload,
 * has {@link MediaInspector} read the object back, and records the verdict (an accepted file becomes a
 * {@link MediaAsset} with its renditions queued; a rejected one is deleted and the session says why).
 *
 * <p>Work is claimed, never assumed: a session is verified only under a claim (a random token and a lease in
 * {@code upload_session}), taken with {@code FOR UPDATE SKIP LOCKED}, so two instances never verify one session at
 * once; the verdict is written only while the token is still the session's, so a worker that lost its claim cannot
 * write over the one that took it over. The lease is renewed while the attempt runs; a session whose instance died
 * mid-verification is claimed again when its lease has run out. The instance that accepted {@code completeUpload}
 * is woken right after the commit; the others find due sessions when they have reason to look (a retry due) and on
 * {@link MediaConfig#verifyRescan()}, so an idle service issues no queries.
 *
 * <p>Failures that are not the file's (object store unavailable) go back to VERIFYING with a back-off
 * (5 s doubling, at most 5 min) and end FAILED after {@link MediaConfig#verifyMaxAttempts()}, with a reason in the
 * reader's language; what was stored is deleted then (best effort: the cleanup aborts what a dead store kept).
 */
@ApplicationScoped
public class UploadVerifier {

    private static final Logger LOG = Logger.getLogger(UploadVerifier.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    /**
     * Fired on the verifying thread just before the bytes are read back: one per attempt that holds a claim, so
     * observers (metrics, tests) see each verification exactly as often as it runs.
     */
    public record Verifying(UUID uploadId, UUID claim, int attempt) {
    }

    /**
     * Planned parts the store does not hold when the multipart upload is to be completed: the client named them on
     * completeUpload (with ETags, so the store was not asked then) but did not store them. The client's to fix, not a
     * retry's: the upload goes back to OPEN.
     */
    static final class PartsMissing extends RuntimeException {
        final List<Integer> numbers;

        PartsMissing(List<Integer> numbers) {
            super("parts " + numbers + " are not stored", null, false, false);
            this.numbers = numbers;
        }
    }

    /** A session this instance holds: its token and how many attempts (this one included) it has had. */
    record Claim(UUID uploadId, UUID token, int attempt) {
    }

    private final MediaStorage storage;
    private final MediaInspector inspector;
    private final MediaConfig config;
    private final RenditionWorker renditions;
    private final UploadEvents events;
    private final Event<Verifying> verifying;
    private final Clock clock;
    private final ExecutorService workers;
    /** Claims this instance holds (queued or running), whose leases it renews: upload id to token. */
    private final Map<UUID, UUID> held = new ConcurrentHashMap<>();
    /** Set when this instance has reason to look for due sessions; starts set so a restart picks up leftovers. */
    private final AtomicBoolean due = new AtomicBoolean(true);
    /** The earliest retry this instance scheduled, if any. */
    private final AtomicReference<Instant> nextRetry = new AtomicReference<>();

    public UploadVerifier(MediaStorage storage, MediaInspector inspector, MediaConfig config,
            RenditionWorker renditions, UploadEvents events, Event<Verifying> verifying, Clock clock) {
        this.storage = storage;
        this.inspector = inspector;
        this.config = config;
        this.renditions = renditions;
        this.events = events;
        this.verifying = verifying;
        this.clock = clock;
        // Bounded: each verification reads a whole file back and hashes it; more at once would take the cores
        // requests need. Tasks beyond the bound wait in the queue without holding a claim (see wake).
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.verifyConcurrency()),
                Thread.ofPlatform().daemon().name("upload-verifier-", 1).factory());
    }

    /**
     * Called after the commit that set the session VERIFYING: verifies it here as soon as a worker is free. The claim
     * is taken when the worker starts, so a queued wake holds nothing: if this instance dies first, another one's
     * sweep finds the session due.
     */
    public void wake(UUID uploadId) {
        wake(uploadId, List.of());
    }

    /**
     * {@link #wake(UUID)} with the parts the client named on completeUpload (number and ETag): this instance completes
     * the multipart upload with them, without listing the parts first; a store that refuses them (a part not stored,
     * another ETag) is listed after all. Only this instance knows them: any other that verifies the session lists.
     */
    public void wake(UUID uploadId, List<MediaStorage.StoredPart> named) {
        workers.execute(() -> {
            try {
                List<Claim> claimed = claim(Optional.of(uploadId), 1);
                if (claimed.isEmpty()) {
                    // Skipped (SKIP LOCKED): at that moment a concurrent completeUpload of the same upload, being
                    // refused, held its row. The next tick sweeps instead of the minute's rescan.
                    due.set(true);
                }
                claimed.forEach(c -> verify(c, named));
            } catch (RuntimeException e) {
                // Not claimed (database unavailable): the session stays due for the next sweep.
                LOG.warnf("Could not claim upload %s for verification: %s", uploadId, e.getMessage());
                due.set(true);
            }
        });
    }

    @Scheduled(every = "${kepu.media.verify-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        renewLeases();
        Instant retry = nextRetry.get();
        if (retry != null && !retry.isAfter(leaseNow()) && nextRetry.compareAndSet(retry, null)) {
            due.set(true);
        }
        if (due.getAndSet(false)) {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.warnf("Looking for uploads to verify failed, trying again: %s", e.getMessage());
                due.set(true);
            }
        }
    }

    @Scheduled(every = "${kepu.media.verify-rescan}", delayed = "${kepu.media.verify-rescan}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rescan() {
        due.set(true);
    }

    /**
     * Claims due VERIFYING sessions (lease run out, retry due, never claimed) up to the free workers of this instance
     * and verifies them. Returns what it claimed.
     */
    List<Claim> sweep() {
        int free = Math.max(1, config.verifyConcurrency()) - held.size();
        if (free <= 0) {
            due.set(true);
            return List.of();
        }
        List<Claim> claims = claim(Optional.empty(), free);
        claims.forEach(c -> workers.execute(() -> verify(c)));
        if (claims.size() == free) {
            // There may be more: look again on the next tick.
            due.set(true);
        }
        return claims;
    }

    /** Pushes the leases of this instance's claims one lease ahead, so a long verification keeps its session. */
    private void renewLeases() {
        if (held.isEmpty()) {
            return;
        }
        List<UUID> tokens = List.copyOf(held.values());
        Instant until = leaseNow().plus(config.verifyLease());
        try {
            QuarkusTransaction.requiringNew().run(() -> UploadSession.update(
                    "verifyClaimedUntil = ?1 where verifyClaim in ?2 and status = ?3", until, tokens,
                    UploadStatus.VERIFYING));
        } catch (RuntimeException e) {
            LOG.warnf("Could not renew %d verification leases: %s", tokens.size(), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Claim> claim(Optional<UUID> only, int limit) {
        Instant now = leaseNow();
        Instant until = now.plus(config.verifyLease());
        // One token per claiming statement: it differs from every earlier and later claim's.
        UUID token = UUID.randomUUID();
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> {
            var query = UploadSession.getEntityManager().createNativeQuery("""
                    UPDATE upload_session
                       SET verify_claim = :token, verify_claimed_until = :until,
                           verify_attempts = verify_attempts + 1
                     WHERE id IN (
                         SELECT id FROM upload_session
                          WHERE status = 'VERIFYING' AND verify_claimed_until <= :now %s
                          ORDER BY verify_claimed_until
                          LIMIT :limit
                          FOR UPDATE SKIP LOCKED)
                    RETURNING id, verify_attempts""".formatted(only.isPresent() ? "AND id = :only" : ""))
                    .setParameter("token", token)
                    .setParameter("until", until)
                    .setParameter("now", now)
                    .setParameter("limit", limit);
            only.ifPresent(id -> query.setParameter("only", id));
            return (List<Object[]>) query.getResultList();
        });
        List<Claim> claims = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Claim claim = new Claim((UUID) row[0], token, ((Number) row[1]).intValue());
            held.put(claim.uploadId(), token);
            claims.add(claim);
        }
        return claims;
    }

    /** One attempt at one claimed session: a verdict, or a retry later, or FAILED after the last attempt. */
    void verify(Claim claim) {
        verify(claim, List.of());
    }

    private void verify(Claim claim, List<MediaStorage.StoredPart> named) {
        try {
            record Job(UploadSession session, Work work) {
            }
            Job job = QuarkusTransaction.requiringNew().call(() -> {
                UploadSession s = UploadSession.findById(claim.uploadId());
                return s == null ? null : new Job(s, Work.findById(s.workId));
            });
            if (job == null || job.work() == null || job.session().status != UploadStatus.VERIFYING
                    || !claim.token().equals(job.session().verifyClaim)) {
                return;
            }
            UploadSession session = job.session();
            verifying.fire(new Verifying(session.id, claim.token(), claim.attempt()));
            // A retry after a crash may find the multipart upload completed already: completing is not repeatable.
            Optional<MediaStorage.Stat> stored = storage.stat(session.objectKey);
            if (stored.isEmpty() && session.multipart()) {
                finishMultipart(session, named);
                stored = storage.stat(session.objectKey);
            }
            MediaStorage.Stat stat = stored.orElseThrow(() -> new IllegalStateException(
                    "object " + session.objectKey + " is not in the store"));
            Verdict verdict = inspector.inspect(session.objectKey, stat.size(), new MediaInspector.Declared(
                    job.work().kind, session.fileName, session.declaredType, session.sizeBytes, session.sha256));
            switch (verdict) {
                case Verdict.Accepted accepted -> accept(claim, accepted);
                case Verdict.Rejected rejected -> reject(claim, session, rejected);
            }
        } catch (PartsMissing e) {
            reopen(claim, e.numbers);
        } catch (RuntimeException e) {
            retryOrFail(claim, e);
        } finally {
            held.remove(claim.uploadId(), claim.token());
        }
    }

    private void finishMultipart(UploadSession session, List<MediaStorage.StoredPart> named) {
        List<MediaStorage.StoredPart> planned = planned(session, named);
        if (planned != null) {
            try {
                storage.completeMultipart(session.objectKey, session.multipartUploadId, planned);
                return;
            } catch (MediaStorage.StorageFailure e) {
                if (!MediaStorage.isInvalidPart(e)) {
                    throw e;
                }
                LOG.debugf("The parts named for upload %s are not the store's; listing them", session.id);
            }
        }
        finishListed(session);
    }

    /** The planned parts (1 to partCount, in order) among those named, or null when one is not named. */
    private static List<MediaStorage.StoredPart> planned(UploadSession session, List<MediaStorage.StoredPart> named) {
        if (named.isEmpty()) {
            return null;
        }
        Map<Integer, MediaStorage.StoredPart> byNumber = named.stream()
                .collect(Collectors.toMap(MediaStorage.StoredPart::number, Function.identity(), (a, b) -> b));
        List<MediaStorage.StoredPart> planned = new ArrayList<>(session.partCount);
        for (int n = 1; n <= session.partCount; n++) {
            MediaStorage.StoredPart part = byNumber.get(n);
            if (part == null) {
                return null;
            }
            planned.add(part);
        }
        return planned;
    }

    private void finishListed(UploadSession session) {
        Map<Integer, MediaStorage.StoredPart> byNumber = storage.listParts(session.objectKey, session.multipartUploadId)
                .stream().collect(Collectors.toMap(MediaStorage.StoredPart::number, Function.identity(), (a, b) -> b));
        List<MediaStorage.StoredPart> planned = new ArrayList<>(session.partCount);
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= session.partCount; n++) {
            MediaStorage.StoredPart part = byNumber.get(n);
            if (part == null) {
                missing.add(n);
            } else {
                planned.add(part);
            }
        }
        if (!missing.isEmpty()) {
            throw new PartsMissing(missing);
        }
        // Parts beyond the plan can only be a client bug; including them would change the file.
        storage.completeMultipart(session.objectKey, session.multipartUploadId, planned);
    }

    /** The session still VERIFYING under this claim, locked for the verdict; empty when the claim was lost. */
    private static Optional<UploadSession> stillHeld(Claim claim) {
        UploadSession s = UploadSession.findById(claim.uploadId(), LockModeType.PESSIMISTIC_WRITE);
        if (s == null || s.status != UploadStatus.VERIFYING || !claim.token().equals(s.verifyClaim)) {
            LOG.infof("Verification of upload %s lost its claim; the verdict is the other worker's", claim.uploadId());
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private void accept(Claim claim, Verdict.Accepted verdict) {
        boolean accepted = QuarkusTransaction.requiringNew().call(() -> stillHeld(claim).map(s -> {
            s.status = UploadStatus.COMPLETED;
            s.finishedAt = now();
            s.verifyClaim = null;
            s.verifyClaimedUntil = null;
            ProbedFacts facts = verdict.facts();
            MediaAsset asset = new MediaAsset();
            asset.id = s.id;
            asset.workId = s.workId;
            asset.ownerId = s.ownerId;
            asset.objectKey = s.objectKey;
            asset.fileName = s.fileName;
            asset.mimeType = verdict.format().mimeType();
            asset.sizeBytes = s.sizeBytes;
            asset.sha256 = s.sha256;
            asset.width = facts.width();
            asset.height = facts.height();
            asset.orientation = facts.orientation();
            asset.colorSpace = facts.colorSpace();
            asset.capturedAt = facts.capturedAt();
            asset.camera = facts.camera();
            asset.gpsLatitude = facts.gpsLatitude();
            asset.gpsLongitude = facts.gpsLongitude();
            asset.durationSeconds = facts.durationSeconds();
            asset.frameRate = facts.frameRate();
            asset.videoCodec = facts.videoCodec();
            asset.audioCodec = facts.audioCodec();
            asset.bitrateBps = facts.bitrateBps();
            asset.rotation = facts.rotation();
            if (facts.aiLabel() != null) {
                asset.aiLabel = facts.aiLabel().kind();
                asset.aiLabelSources = facts.aiLabel().sources().stream().map(Enum::name).toArray(String[]::new);
                asset.aiLabelProducer = facts.aiLabel().producer();
            }
            asset.createdAt = s.finishedAt;
            asset.persist();
            RenditionWorker.kindsFor(verdict.format()).forEach((kind, extension) ->
                    RenditionWorker.pending(asset.id, kind, extension, s.finishedAt).persist());
            events.changed(s);
            return true;
        }).orElse(false));
        if (accepted) {
            renditions.wake();
        }
    }

    private void reject(Claim claim, UploadSession session, Verdict.Rejected verdict) {
        storage.remove(session.objectKey);
        boolean rejected = QuarkusTransaction.requiringNew().call(() -> stillHeld(claim).map(s -> {
            s.status = UploadStatus.REJECTED;
            s.rejection = verdict.reason();
            s.rejectionDetail(verdict.detail());
            s.finishedAt = now();
            s.verifyClaim = null;
            s.verifyClaimedUntil = null;
            events.changed(s);
            return true;
        }).orElse(false));
        if (rejected) {
            LOG.infof("Rejected upload %s: %s", session.id,
                    UploadService.rejectedMessage(verdict.reason(), verdict.detail()).in(Messages.ENGLISH));
        }
    }

    /**
     * Back to OPEN, saying which parts to upload (the session's {@code rejectionMessage}), as completeUpload would
     * have answered had it asked the store: the client uploads them and completes again.
     */
    private void reopen(Claim claim, List<Integer> missing) {
        try {
            QuarkusTransaction.requiringNew().run(() -> stillHeld(claim).ifPresent(s -> {
                s.status = UploadStatus.OPEN;
                s.rejectionDetail(Msg.of("media.upload.partsMissing", missing.toString()));
                s.verifyClaim = null;
                s.verifyClaimedUntil = null;
                events.changed(s);
            }));
        } catch (RuntimeException e) {
            // The lease runs out and a sweep tries again, finding the same parts missing.
            LOG.warnf("Could not reopen upload %s (parts %s missing): %s", claim.uploadId(), missing, e.getMessage());
        }
    }

    private void retryOrFail(Claim claim, RuntimeException e) {
        boolean last = claim.attempt() >= config.verifyMaxAttempts();
        LOG.warnf(e, "Verification of upload %s failed (attempt %d of %d%s)", claim.uploadId(), claim.attempt(),
                config.verifyMaxAttempts(), last ? ", giving up" : "");
        if (last) {
            fail(claim);
            return;
        }
        Duration wait = backoff(claim.attempt());
        Instant retryAt = leaseNow().plus(wait);
        try {
            QuarkusTransaction.requiringNew().run(() -> stillHeld(claim).ifPresent(s -> {
                s.verifyClaim = null;
                s.verifyClaimedUntil = retryAt;
            }));
            nextRetry.accumulateAndGet(retryAt, (a, b) -> a == null || b.isBefore(a) ? b : a);
        } catch (RuntimeException again) {
            // The database is unavailable too: the lease runs out and any instance's sweep retries.
            LOG.warnf("Could not schedule the retry of upload %s: %s", claim.uploadId(), again.getMessage());
        }
    }

    /** 5 s after the first failed attempt, doubling, at most 5 min. */
    static Duration backoff(int attempt) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 16));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    /** The last attempt failed: the session ends FAILED with the reason, and what was stored goes. */
    private void fail(Claim claim) {
        Optional<UploadSession> failed = QuarkusTransaction.requiringNew().call(() -> stillHeld(claim).map(s -> {
            s.status = UploadStatus.FAILED;
            s.rejectionDetail(Msg.of("media.upload.verifyFailed", claim.attempt()));
            s.finishedAt = now();
            s.verifyClaim = null;
            s.verifyClaimedUntil = null;
            events.changed(s);
            return s;
        }));
        failed.ifPresent(s -> {
            try {
                if (s.multipart()) {
                    storage.abortMultipart(s.objectKey, s.multipartUploadId);
                }
                storage.remove(s.objectKey);
            } catch (RuntimeException e) {
                // MediaCleanup aborts multipart uploads no open session tracks; a whole object stays until removed.
                LOG.warnf("Could not delete the unverified upload %s: %s", s.id, e.getMessage());
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        // Running attempts are interrupted; their claims run out and another instance (or this one, restarted)
        // verifies those sessions again.
        workers.shutdownNow();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Now for leases and retry times: the machine's clock, not the application's {@link Clock} (which tests move to
     * reach deadlines, and which a lease must not follow). Instances' clocks agree far better than a lease is long.
     */
    static Instant leaseNow() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
