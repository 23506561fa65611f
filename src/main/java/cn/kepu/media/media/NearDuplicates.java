package cn.kepu.media.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finds files that are near-duplicates of another work's file: re-submitted or copied entries, and copies of
 * published works. When the rendition worker has made an image's PREVIEW (or a video's POSTER), its perceptual hashes
 * ({@link PerceptualHash}, three crop variants; for videos at three keyframes) are stored and compared in SQL with
 * every other work's; matches within {@code kepu.media.duplicates.max-distance} bits are recorded in both directions
 * with the distance, for moderators and organizers.
 *
 * <p>The comparison is a scan of the fingerprint table (64-bit XOR and bit count per row, a few milliseconds per
 * 100 000 rows); a national contest's few hundred thousand files stay well within that. Beyond, a multi-index hash
 * (splitting the 64 bits into bands) would make it an index lookup.
 */
@ApplicationScoped
public class NearDuplicates {

    private static final Logger LOG = Logger.getLogger(NearDuplicates.class);

    /** One match as moderators see it. */
    public record Match(UUID workId, UUID assetId, UUID matchedWorkId, UUID matchedAssetId,
            String matchedWorkTitle, cn.kepu.media.works.WorkStatus matchedWorkStatus, int distance,
            int framesMatched, Instant detectedAt) {
    }

    private final VideoRenderer videos;
    private final ImageRenderer images;
    private final MediaStorage storage;
    private final MediaConfig config;
    private final Clock clock;

    public NearDuplicates(VideoRenderer videos, ImageRenderer images, MediaStorage storage, MediaConfig config,
            Clock clock) {
        this.videos = videos;
        this.images = images;
        this.storage = storage;
        this.config = config;
        this.clock = clock;
    }

    /** Fingerprints and matches a file once its picture exists; failures never fail the rendition. */
    void onRendered(@Observes RenditionWorker.Rendered rendered) {
        try {
            if (rendered.kind() == RenditionKind.PREVIEW && !rendered.video()) {
                record(rendered.assetId(), rendered.workId(), false, List.of(rendered.pixels()));
            } else if (rendered.kind() == RenditionKind.POSTER && rendered.video()) {
                record(rendered.assetId(), rendered.workId(), true, keyframes(rendered.assetId()));
            }
        } catch (Exception e) {
            LOG.warnf(e, "Fingerprinting asset %s failed; it is not checked for near-duplicates", rendered.assetId());
        }
    }

    private List<BufferedImage> keyframes(UUID assetId) throws java.io.IOException {
        MediaAsset asset = QuarkusTransaction.requiringNew().call(() -> MediaAsset.<MediaAsset>findById(assetId));
        double duration = asset.durationSeconds == null ? 0 : asset.durationSeconds;
        String source = storage.presignGet(asset.objectKey, java.time.Duration.ofMinutes(15), asset.mimeType,
                "inline");
        List<BufferedImage> frames = new ArrayList<>();
        for (double at : new double[] {0.25, 0.5, 0.75}) {
            frames.add(images.decode(videos.frame(source, duration * at, 256)));
        }
        return frames;
    }

    /** Stores the hashes of a file's pictures (positions 1.. for video keyframes) and records its matches. */
    void record(UUID assetId, UUID workId, boolean video, List<BufferedImage> pictures) {
        List<long[]> hashes = pictures.stream().map(PerceptualHash::variants).toList();
        int maxDistance = config.duplicates().maxDistance();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            var em = MediaAsset.getEntityManager();
            em.createNativeQuery("DELETE FROM media_fingerprint WHERE asset_id = ?1").setParameter(1, assetId)
                    .executeUpdate();
            for (int p = 0; p < hashes.size(); p++) {
                for (int v = 0; v < hashes.get(p).length; v++) {
                    em.createNativeQuery("INSERT INTO media_fingerprint (asset_id, position, variant, is_video, hash)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, assetId)
                            .setParameter(2, video ? p + 1 : 0).setParameter(3, v).setParameter(4, video)
                            .setParameter(5, hashes.get(p)[v]).executeUpdate();
                }
            }
            // Best distance per (other file, position); a video matches when most of its keyframes do.
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT f.asset_id, a.work_id, a.created_at, mine.position,
                           min(bit_count((f.hash # mine.hash)::bit(64)))
                    FROM media_fingerprint mine
                    JOIN media_fingerprint f ON f.position = mine.position AND f.is_video = mine.is_video
                                            AND f.asset_id <> mine.asset_id
                    JOIN media_asset a ON a.id = f.asset_id
                    WHERE mine.asset_id = ?1 AND a.work_id <> ?2
                      AND bit_count((f.hash # mine.hash)::bit(64)) <= ?3
                    GROUP BY f.asset_id, a.work_id, a.created_at, mine.position""")
                    .setParameter(1, assetId).setParameter(2, workId).setParameter(3, maxDistance)
                    .getResultList();
            Map<UUID, Candidate> candidates = new HashMap<>();
            for (Object[] row : rows) {
                candidates.computeIfAbsent((UUID) row[0], id -> new Candidate(id, (UUID) row[1], toInstant(row[2]),
                        new ArrayList<>())).distances().add(((Number) row[4]).intValue());
            }
            // A video matches when at least two of its three keyframes do: a shared intro or a black frame alone
            // does not make two videos copies.
            int needed = video ? Math.min(2, hashes.size()) : 1;
            List<Candidate> recorded = worthRecording(candidates.values(), needed, config.duplicates().maxMatches());
            for (Candidate match : recorded) {
                for (Object[] pair : new Object[][] {{assetId, match.assetId(), workId, match.workId()},
                        {match.assetId(), assetId, match.workId(), workId}}) {
                    em.createNativeQuery("""
                            INSERT INTO near_duplicate (asset_id, matched_asset_id, work_id, matched_work_id,
                                                        distance, frames_matched, detected_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                            ON CONFLICT (asset_id, matched_asset_id) DO UPDATE
                                SET distance = excluded.distance, frames_matched = excluded.frames_matched""")
                            .setParameter(1, pair[0]).setParameter(2, pair[1]).setParameter(3, pair[2])
                            .setParameter(4, pair[3]).setParameter(5, match.distance())
                            .setParameter(6, match.distances().size()).setParameter(7, now).executeUpdate();
                }
            }
            if (!recorded.isEmpty()) {
                Candidate closest = recorded.getFirst();
                LOG.infof("Asset %s of work %s: %d near-duplicate(s) recorded of %d found; closest asset %s of work %s"
                        + " (distance %d)", assetId, workId, recorded.size(), candidates.size(), closest.assetId(),
                        closest.workId(), closest.distance());
            }
        });
    }

    /** Another work's file within the distance of a new one: its best distance per picture compared. */
    record Candidate(UUID assetId, UUID workId, Instant createdAt, List<Integer> distances) {
        /** The worst of the compared pictures' distances: a copy is as close as its least similar picture. */
        int distance() {
            return distances.stream().mapToInt(Integer::intValue).max().orElse(Integer.MAX_VALUE);
        }
    }

    /**
     * The candidates recorded as near-duplicates: those with at least {@code needed} matching pictures, closest first,
     * then the earliest file (the likely original), at most {@code limit}.
     */
    static List<Candidate> worthRecording(Collection<Candidate> candidates, int needed, int limit) {
        return candidates.stream().filter(c -> c.distances().size() >= needed)
                .sorted(java.util.Comparator.comparingInt(Candidate::distance)
                        .thenComparing(Candidate::createdAt)
                        .thenComparing(Candidate::assetId))
                .limit(limit)
                .toList();
    }

    /** Matches of the works' files, closest first, in one query. */
    public Map<UUID, List<Match>> of(Collection<UUID> workIds) {
        if (workIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.joiningExisting().call(() -> MediaAsset.getEntityManager()
                .createNativeQuery("""
                        SELECT d.work_id, d.asset_id, d.matched_work_id, d.matched_asset_id, d.distance,
                               d.frames_matched, d.detected_at, w.title, w.status
                        FROM near_duplicate d JOIN work w ON w.id = d.matched_work_id
                        WHERE d.work_id = ANY(?1) ORDER BY d.distance, d.detected_at""")
                .setParameter(1, workIds.toArray(UUID[]::new)).getResultList());
        Map<UUID, List<Match>> matches = new HashMap<>();
        for (Object[] r : rows) {
            matches.computeIfAbsent((UUID) r[0], w -> new ArrayList<>()).add(new Match((UUID) r[0], (UUID) r[1],
                    (UUID) r[2], (UUID) r[3], (String) r[7], cn.kepu.media.works.WorkStatus.valueOf((String) r[8]),
                    ((Number) r[4]).intValue(), ((Number) r[5]).intValue(), toInstant(r[6])));
        }
        return matches;
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> Instant.parse(value.toString());
        };
    }
}
