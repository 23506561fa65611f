package cn.kepu.media.media;

import cn.kepu.media.shared.error.Msg;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Generates renditions in the background. Each run claims due PENDING rows with {@code FOR UPDATE SKIP LOCKED}
 * and pushes their next attempt one lease ahead, so several instances share the work and a crashed attempt is
 * retried when its lease runs out (a running transcode pushes its lease forward as it reports progress). Writing is
 * idempotent: a rendition's (random, blind) object key is fixed when its row is created, so a retry overwrites what an
 * earlier attempt may have left. Storage failures back off exponentially and end as FAILED after
 * {@code kepu.media.renditions.max-attempts}; a video ffmpeg cannot convert, or not within
 * {@code kepu.media.renditions.video-time-limit}, is FAILED at once with the reason (retrying would not help).
 */
@ApplicationScoped
public class RenditionWorker {

    private static final Logger LOG = Logger.getLogger(RenditionWorker.class);
    private static final int BATCH = 4;

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final MediaStorage storage;
    private final ImageRenderer images;
    private final VideoRenderer videos;
    private final MediaConfig config;
    private final MediaScratch scratch;
    private final jakarta.enterprise.event.Event<Rendered> renderedEvent;
    private final Clock clock;

    public RenditionWorker(MediaStorage storage, ImageRenderer images, VideoRenderer videos, MediaConfig config,
            MediaScratch scratch, jakarta.enterprise.event.Event<Rendered> renderedEvent, Clock clock) {
        this.storage = storage;
        this.scratch = scratch;
        this.images = images;
        this.videos = videos;
        this.config = config;
        this.renderedEvent = renderedEvent;
        this.clock = clock;
    }

    private record Claim(UUID assetId, RenditionKind kind, int attempts) {
    }

    /** Set when this instance queued or rescheduled renditions; starts set so a restart picks up leftovers. */
    private final AtomicBoolean due = new AtomicBoolean(true);

    /** Tells the worker new renditions are queued (called after an upload is accepted). */
    public void wake() {
        due.set(true);
    }

    /**
     * Polls the table only when this instance has reason to (new or retried renditions), so an idle service issues
     * no queries; {@link #rescan()} covers work left by other instances (expired leases).
     */
    @Scheduled(every = "${kepu.media.renditions.every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDue() {
        if (!due.getAndSet(false)) {
            return;
        }
        List<Claim> claims;
        do {
            claims = claimDue();
            claims.forEach(c -> render(c.assetId(), c.kind(), c.attempts()));
        } while (claims.size() == BATCH);
        if (pendingRemain()) {
            // Retries back off into the future: keep looking until they are settled.
            due.set(true);
        }
    }

    @Scheduled(every = "${kepu.media.renditions.rescan}", delayed = "${kepu.media.renditions.rescan}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rescan() {
        due.set(true);
    }

    private boolean pendingRemain() {
        return QuarkusTransaction.requiringNew().call(() -> Rendition.count("status", RenditionStatus.PENDING) > 0);
    }

    @SuppressWarnings("unchecked")
    private List<Claim> claimDue() {
        Instant leaseUntil = clock.instant().plus(config.renditions().lease());
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) Rendition.getEntityManager()
                .createNativeQuery("""
                        UPDATE rendition SET attempts = attempts + 1, next_attempt_at = :leaseUntil
                        WHERE (asset_id, kind) IN (
                            SELECT asset_id, kind FROM rendition
                            WHERE status = 'PENDING' AND next_attempt_at <= now()
                            ORDER BY next_attempt_at LIMIT :batch
                            FOR UPDATE SKIP LOCKED)
                        RETURNING asset_id, kind, attempts""")
                .setParameter("leaseUntil", leaseUntil)
                .setParameter("batch", BATCH)
                .getResultList())
                .stream()
                .map(row -> new Claim((UUID) row[0], RenditionKind.valueOf((String) row[1]),
                        ((Number) row[2]).intValue()))
                .toList());
    }

    /** One attempt at one rendition; records READY, SKIPPED, a retry or FAILED. */
    void render(UUID assetId, RenditionKind kind, int attempt) {
        record Job(MediaAsset asset, Rendition rendition) {
        }
        Job job = QuarkusTransaction.requiringNew().call(() -> new Job(MediaAsset.<MediaAsset>findById(assetId),
                Rendition.<Rendition>findById(new Rendition.Key(assetId, kind))));
        if (job.asset() == null || job.rendition() == null) {
            return;
        }
        try {
            if (job.asset().isVideo()) {
                renderVideo(job.asset(), job.rendition());
            } else {
                renderImage(job.asset(), job.rendition());
            }
        } catch (Ffmpeg.Failure e) {
            // The file's fault (undecodable, hostile, too slow to decode): another attempt would end the same way.
            boolean network = isNetwork(e.getMessage());
            if (network && attempt < config.renditions().maxAttempts()) {
                retryLater(assetId, kind, attempt, e);
                return;
            }
            LOG.warnf("Rendition %s of asset %s failed: %s", kind, assetId, e.getMessage());
            Msg reason = e instanceof Ffmpeg.Timeout ? Msg.of("media.rendition.tooSlow")
                    : Msg.of("media.rendition.unconvertible");
            update(assetId, kind, r -> {
                r.status = RenditionStatus.FAILED;
                r.message(reason);
                r.progress = 0;
            });
        } catch (IOException | RuntimeException e) {
            retryLater(assetId, kind, attempt, e);
        }
    }

    private void retryLater(UUID assetId, RenditionKind kind, int attempt, Exception e) {
        boolean last = attempt >= config.renditions().maxAttempts();
        LOG.warnf(e, "Rendition %s of asset %s failed (attempt %d%s)", kind, assetId, attempt,
                last ? ", giving up" : "");
        // The error itself (often a store's or a tool's English) is in the log above; the reader gets what it means.
        Msg message = Msg.of(last ? "media.rendition.gaveUp" : "media.rendition.retrying", attempt);
        Instant retryAt = clock.instant().plus(Duration.ofSeconds(1L << Math.min(attempt, 10)));
        update(assetId, kind, r -> {
            r.message(message);
            if (last) {
                r.status = RenditionStatus.FAILED;
            } else {
                r.nextAttemptAt = retryAt;
            }
        });
    }

    private static boolean isNetwork(String message) {
        String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("connection") || m.contains("http error") || m.contains("server returned 5")
                || m.contains("i/o error") || m.contains("timed out");
    }

    private void renderImage(MediaAsset asset, Rendition rendition) throws IOException {
        RenditionKind kind = rendition.key.kind();
        if (!images.canRead(asset.mimeType)) {
            update(asset.id, kind, r -> {
                r.status = RenditionStatus.SKIPPED;
                r.message(Msg.of("media.rendition.noDecoder", asset.mimeType));
            });
            return;
        }
        int size = switch (kind) {
            case THUMBNAIL -> config.renditions().thumbnailSize();
            case LARGE -> config.renditions().largeSize();
            default -> config.renditions().previewSize();
        };
        ImageRenderer.Rendered rendered;
        // Through a local file: the decoder then reads only what it needs, and nothing of the original is cached in
        // the heap (an ImageIO stream over a network stream keeps every byte it has read).
        try (MediaScratch.Scratch files = scratch.open()) {
            Path original = files.file(".original");
            storage.download(asset.objectKey, original);
            rendered = images.render(original, asset.mimeType, size, asset.orientation, files);
        }
        storage.put(rendition.objectKey, rendered.jpeg(), "image/jpeg");
        rendered(asset, kind, rendered);
        update(asset.id, kind, r -> ready(r, "image/jpeg", rendered.width(), rendered.height(),
                rendered.jpeg().length));
    }

    private void renderVideo(MediaAsset asset, Rendition rendition) throws IOException {
        RenditionKind kind = rendition.key.kind();
        String source = storage.presignGet(asset.objectKey, config.renditions().videoTimeLimit().plusMinutes(5),
                asset.mimeType, "inline");
        double duration = asset.durationSeconds == null ? 0 : asset.durationSeconds;
        if (kind == RenditionKind.PREVIEW) {
            try (MediaScratch.Scratch files = scratch.open()) {
                Path out = files.file(".mp4");
                ProgressReporter progress = new ProgressReporter(asset.id, kind);
                videos.preview(source, out, duration, progress::report);
                storage.put(rendition.objectKey, out, "video/mp4");
                long size = Files.size(out);
                update(asset.id, kind, r -> ready(r, "video/mp4", null, null, size));
            }
            return;
        }
        // A frame one second in (or from the middle of a shorter video): the first is often black.
        double at = duration >= 2 ? 1.0 : duration / 2;
        int size = kind == RenditionKind.THUMBNAIL ? config.renditions().thumbnailSize()
                : config.renditions().previewSize();
        byte[] png = videos.frame(source, at, config.renditions().previewSize());
        ImageRenderer.Rendered rendered = images.render(images.decode(png), size);
        storage.put(rendition.objectKey, rendered.jpeg(), "image/jpeg");
        rendered(asset, kind, rendered);
        update(asset.id, kind, r -> ready(r, "image/jpeg", rendered.width(), rendered.height(),
                rendered.jpeg().length));
    }

    /** Hook for what is computed from a rendition's pixels once it exists (fingerprints). */
    private void rendered(MediaAsset asset, RenditionKind kind, ImageRenderer.Rendered rendered) {
        renderedEvent.fire(new Rendered(asset.id, asset.workId, asset.isVideo(), kind, rendered.pixels()));
    }

    /** A rendition's pixels, for observers that fingerprint them; fired on the worker thread. */
    public record Rendered(UUID assetId, UUID workId, boolean video, RenditionKind kind,
            java.awt.image.BufferedImage pixels) {
    }

    /**
     * Writes a running transcode's percentage at most once a second, and pushes the lease forward with it, so a
     * long transcode is not taken for a crashed one while it advances.
     */
    private final class ProgressReporter {
        private final UUID assetId;
        private final RenditionKind kind;
        private int last = -1;
        private long lastWrite;

        ProgressReporter(UUID assetId, RenditionKind kind) {
            this.assetId = assetId;
            this.kind = kind;
        }

        void report(int percent) {
            long now = System.nanoTime();
            if (percent == last || now - lastWrite < 1_000_000_000L) {
                return;
            }
            last = percent;
            lastWrite = now;
            Instant leaseUntil = clock.instant().plus(config.renditions().lease());
            try {
                QuarkusTransaction.requiringNew().run(() -> Rendition.update(
                        "progress = ?1, nextAttemptAt = ?2 where key.assetId = ?3 and key.kind = ?4"
                                + " and status = ?5", percent, leaseUntil, assetId, kind, RenditionStatus.PENDING));
            } catch (RuntimeException e) {
                LOG.debugf(e, "progress of %s %s not recorded", assetId, kind);
            }
        }
    }

    private static void ready(Rendition r, String contentType, Integer width, Integer height, long size) {
        r.status = RenditionStatus.READY;
        r.contentType = contentType;
        r.width = width;
        r.height = height;
        r.sizeBytes = size;
        r.message(null);
        r.progress = 100;
    }

    /** A new blind object key for a rendition: random, so it says nothing about the asset, work or owner. */
    static String newBlindKey() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    static String objectKeyOf(String blindKey, String extension) {
        return "renditions/" + blindKey + "." + extension;
    }

    /** The renditions made for a file of this format, with their extensions. */
    static java.util.Map<RenditionKind, String> kindsFor(MediaFormat format) {
        return format.isVideo()
                ? java.util.Map.of(RenditionKind.POSTER, "jpg", RenditionKind.THUMBNAIL, "jpg",
                        RenditionKind.PREVIEW, "mp4")
                : java.util.Map.of(RenditionKind.THUMBNAIL, "jpg", RenditionKind.PREVIEW, "jpg",
                        RenditionKind.LARGE, "jpg");
    }

    /** A PENDING rendition row with its blind key, due now. */
    static Rendition pending(UUID assetId, RenditionKind kind, String extension, Instant now) {
        Rendition r = new Rendition();
        r.key = new Rendition.Key(assetId, kind);
        r.status = RenditionStatus.PENDING;
        r.blindKey = newBlindKey();
        r.objectKey = objectKeyOf(r.blindKey, extension);
        r.nextAttemptAt = now;
        r.updatedAt = now;
        return r;
    }

    private void update(UUID assetId, RenditionKind kind, java.util.function.Consumer<Rendition> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            Rendition r = Rendition.findById(new Rendition.Key(assetId, kind));
            if (r != null) {
                change.accept(r);
                r.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            }
        });
    }
}
