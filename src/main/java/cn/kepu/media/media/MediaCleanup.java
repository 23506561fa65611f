package cn.kepu.media.media;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.startup.StartupTasks;
import cn.kepu.media.storage.ObjectStorage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Keeps the bucket and the tables in step: abandoned uploads expire and lose their bytes, multipart uploads nobody
 * tracks are aborted, and {@link #check()} reports objects without a row and rows without an object.
 */
@ApplicationScoped
public class MediaCleanup {

    private static final Logger LOG = Logger.getLogger(MediaCleanup.class);
    static final String ORIGINALS = "originals/";
    static final String RENDITIONS = "renditions/";

    /** Keys present in one place and missing in the other; both empty when consistent. */
    public record Report(List<String> objectsWithoutRow, List<String> rowsWithoutObject) {
        public boolean consistent() {
            return objectsWithoutRow.isEmpty() && rowsWithoutObject.isEmpty();
        }
    }

    private final MediaStorage storage;
    private final Instance<Caller> caller;
    private final Clock clock;

    @jakarta.inject.Inject
    cn.kepu.media.shared.ClusterLock clusterLock;

    public MediaCleanup(MediaStorage storage, Instance<Caller> caller, Clock clock) {
        this.storage = storage;
        this.caller = caller;
        this.clock = clock;
    }

    @Scheduled(every = "${kepu.media.cleanup.every}", delayed = "${kepu.media.cleanup.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runOnOneInstance();
    }

    /** One cleanup run, on one instance at a time (as the reindex); returns whether it ran here. */
    boolean runOnOneInstance() {
        return clusterLock.runAlone("media-cleanup", () -> {
            int expired = expireAbandoned(clock.instant());
            int aborted = abortUntracked();
            if (expired + aborted > 0) {
                LOG.infof("Media cleanup: %d abandoned uploads expired, %d untracked multipart uploads aborted",
                        expired, aborted);
            }
        });
    }

    /**
     * Expires uploads open past their deadline: aborts their multipart upload and deletes any stored object. Sessions
     * being verified belong to {@link UploadVerifier}, which always ends them (bounded attempts); only a VERIFYING row
     * without a lease (left by an instance of the version before V163, which verified inside the request) expires here.
     */
    public int expireAbandoned(Instant now) {
        String abandoned = "(status = ?1 or (status = ?2 and verifyClaimedUntil is null)) and expiresAt < ?3";
        List<UploadSession> due = QuarkusTransaction.requiringNew().call(() -> UploadSession.<UploadSession>list(
                abandoned, UploadStatus.OPEN, UploadStatus.VERIFYING, now));
        for (UploadSession session : due) {
            if (session.multipart()) {
                storage.abortMultipart(session.objectKey, session.multipartUploadId);
            }
            storage.remove(session.objectKey);
            QuarkusTransaction.requiringNew().run(() -> UploadSession.update(
                    "status = ?4, finishedAt = ?5 where id = ?6 and " + abandoned, UploadStatus.OPEN,
                    UploadStatus.VERIFYING, now, UploadStatus.EXPIRED, now, session.id));
        }
        return due.size();
    }

    /** Aborts multipart uploads under our prefix that no open session owns (e.g. a crash between create and save). */
    public int abortUntracked() {
        List<Map.Entry<String, String>> uploads = storage.listIncompleteMultiparts(ORIGINALS);
        if (uploads.isEmpty()) {
            return 0;
        }
        Set<String> tracked = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> UploadSession.getEntityManager()
                .createQuery("select s.multipartUploadId from UploadSession s where s.status in :open"
                        + " and s.multipartUploadId is not null", String.class)
                .setParameter("open", List.of(UploadStatus.OPEN, UploadStatus.VERIFYING))
                .getResultList()));
        int aborted = 0;
        for (var upload : uploads) {
            if (!tracked.contains(upload.getValue())) {
                storage.abortMultipart(upload.getKey(), upload.getValue());
                aborted++;
            }
        }
        return aborted;
    }

    /** Organizers' consistency report over originals and renditions. */
    public Report checkAsOrganizer() {
        caller.get().requireAny(Role.ORGANIZER);
        return check();
    }

    public Report check() {
        Set<String> objects = new TreeSet<>(storage.listKeys(ORIGINALS));
        objects.addAll(storage.listKeys(RENDITIONS));
        record Rows(Set<String> expected, Set<String> allowed) {
        }
        Rows rows = QuarkusTransaction.requiringNew().call(() -> {
            var em = MediaAsset.getEntityManager();
            Set<String> expected = new TreeSet<>(em.createQuery("select a.objectKey from MediaAsset a", String.class)
                    .getResultList());
            expected.addAll(em.createQuery("select r.objectKey from Rendition r where r.status = :ready",
                    String.class).setParameter("ready", RenditionStatus.READY).getResultList());
            // An open upload may hold its object before completion: not an orphan, not required either.
            Set<String> allowed = new HashSet<>(em.createQuery("select s.objectKey from UploadSession s"
                    + " where s.status in :open", String.class)
                    .setParameter("open", List.of(UploadStatus.OPEN, UploadStatus.VERIFYING)).getResultList());
            // A retried rendition may already have written its object before its row says READY.
            allowed.addAll(em.createQuery("select r.objectKey from Rendition r where r.status = :pending",
                    String.class).setParameter("pending", RenditionStatus.PENDING).getResultList());
            return new Rows(expected, allowed);
        });
        List<String> orphans = objects.stream()
                .filter(k -> !rows.expected().contains(k) && !rows.allowed().contains(k)).toList();
        List<String> missing = rows.expected().stream().filter(k -> !objects.contains(k)).toList();
        return new Report(orphans, missing);
    }

    /**
     * See {@link MediaConfig#purgeBucketAtStart()}; a start-up task that runs once the bucket is ensured (registered
     * after the bucket's task: observers of the default priority, 2500, come first).
     */
    void purgeForTests(@Observes @jakarta.annotation.Priority(3000) StartupEvent start, MediaConfig config,
            StartupTasks tasks) {
        if (config.purgeBucketAtStart()) {
            tasks.start("media purge", () -> {
                storage.listIncompleteMultiparts(ORIGINALS)
                        .forEach(u -> storage.abortMultipart(u.getKey(), u.getValue()));
                storage.listKeys(ORIGINALS).forEach(storage::remove);
                storage.listKeys(RENDITIONS).forEach(storage::remove);
            }, ObjectStorage.BUCKET_TASK);
        }
    }
}
