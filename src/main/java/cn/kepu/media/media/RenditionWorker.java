package cn.kepu.media.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
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
 * retried when its lease runs out. Writing is idempotent: a rendition's object key is fixed by asset and kind, so a
 * retry overwrites what an earlier attempt may have left. Failures back off exponentially and end as FAILED after
 * {@code kepu.media.renditions.max-attempts}.
 */
@ApplicationScoped
public class RenditionWorker {

    private static final Logger LOG = Logger.getLogger(RenditionWorker.class);
    private static final int BATCH = 4;

    private final MediaStorage storage;
    private final ImageRenderer images;
    private final VideoRenderer videos;
    private final MediaConfig config;
    private final Clock clock;

    public RenditionWorker(MediaStorage storage, ImageRenderer images, VideoRenderer videos, MediaConfig config, Clock clock) {
        this.storage = storage;
        this.images = images;
        this.videos = videos;
        this.config = config;
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
        MediaAsset asset = QuarkusTransaction.requiringNew().call(() -> MediaAsset.<MediaAsset>findById(assetId));
        if (asset == null) {
            return;
        }
        try {
            if (asset.isVideo()) {
                renderVideo(asset, kind);
            } else {
                renderImage(asset, kind);
            }
        } catch (IOException | RuntimeException e) {
            boolean last = attempt >= config.renditions().maxAttempts();
            LOG.warnf(e, "Rendition %s of asset %s failed (attempt %d%s)", kind, assetId, attempt,
                    last ? ", giving up" : "");
            String message = "attempt " + attempt + ": " + e.getMessage();
            Instant retryAt = clock.instant().plus(Duration.ofSeconds(1L << Math.min(attempt, 10)));
            update(assetId, kind, r -> {
                r.message = message;
                if (last) {
                    r.status = RenditionStatus.FAILED;
                } else {
                    r.nextAttemptAt = retryAt;
                }
            });
        }
    }

    private void renderImage(MediaAsset asset, RenditionKind kind) throws IOException {
        if (!images.canRead(asset.mimeType)) {
            update(asset.id, kind, r -> {
                r.status = RenditionStatus.SKIPPED;
                r.message = "no decoder for " + asset.mimeType + " in this deployment (ImageIO has no WebP reader)";
            });
            return;
        }
        int size = kind == RenditionKind.THUMBNAIL ? config.renditions().thumbnailSize()
                : config.renditions().previewSize();
        ImageRenderer.Rendered rendered;
        try (InputStream in = storage.open(asset.objectKey)) {
            rendered = images.render(in, asset.mimeType, size, asset.orientation);
        }
        String key = keyOf(asset.id, kind, "jpg");
        storage.put(key, rendered.jpeg(), "image/jpeg");
        update(asset.id, kind, r -> ready(r, key, "image/jpeg", rendered.width(), rendered.height(),
                rendered.jpeg().length));
    }

    private void renderVideo(MediaAsset asset, RenditionKind kind) throws IOException {
        if (!videos.available()) {
            update(asset.id, kind, r -> {
                r.status = RenditionStatus.SKIPPED;
                r.message = "ffmpeg is not installed on this node; video renditions need it (see README)";
            });
            return;
        }
        String source = storage.presignGet(asset.objectKey, Duration.ofMinutes(30), asset.mimeType, "inline");
        boolean poster = kind == RenditionKind.POSTER;
        int size = poster ? config.renditions().previewSize() : 640;
        byte[] bytes = poster ? videos.poster(source, size) : videos.preview(source, size);
        String contentType = poster ? "image/jpeg" : "video/mp4";
        String key = keyOf(asset.id, kind, poster ? "jpg" : "mp4");
        storage.put(key, bytes, contentType);
        update(asset.id, kind, r -> ready(r, key, contentType, null, null, bytes.length));
    }

    private static void ready(Rendition r, String key, String contentType, Integer width, Integer height, long size) {
        r.status = RenditionStatus.READY;
        r.objectKey = key;
        r.contentType = contentType;
        r.width = width;
        r.height = height;
        r.sizeBytes = size;
        r.message = null;
    }

    static String keyOf(UUID assetId, RenditionKind kind, String extension) {
        return "renditions/" + assetId + "/" + kind.name().toLowerCase(java.util.Locale.ROOT) + "." + extension;
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
