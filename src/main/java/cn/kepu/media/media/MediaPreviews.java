package cn.kepu.media.media;

import cn.kepu.media.works.AssetPreviews;
import cn.kepu.media.works.WorkThumbnails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link WorkThumbnails} and {@link AssetPreviews} from the rendition table: one query for any number of works or
 * files (assets joined with their ready renditions), URLs signed by {@link RenditionUrls}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
@ActivateRequestContext
public class MediaPreviews implements WorkThumbnails, AssetPreviews, BlindFiles {

    private final RenditionUrls urls;
    private final MediaStorage storage;

    public MediaPreviews(RenditionUrls urls, MediaStorage storage) {
        this.urls = urls;
        this.storage = storage;
    }

    @Override
    public Map<UUID, List<File>> filesOf(Collection<UUID> workIds) {
        if (workIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = MediaAsset.getEntityManager().createQuery("""
                select a.id, a.workId, r.key.kind, r.objectKey, r.contentType, r.sizeBytes
                from MediaAsset a join Rendition r on r.key.assetId = a.id
                where a.workId in :works and r.status = :ready and r.key.kind in :kinds
                order by a.createdAt, a.id, r.key.kind""", Object[].class)
                .setParameter("ready", RenditionStatus.READY)
                .setParameter("works", workIds)
                .setParameter("kinds", List.of(RenditionKind.PREVIEW, RenditionKind.LARGE, RenditionKind.POSTER))
                .getResultList();
        Map<UUID, List<File>> files = new HashMap<>();
        Map<UUID, Integer> position = new HashMap<>();
        Map<UUID, Integer> assetsSeen = new HashMap<>();
        for (Object[] row : rows) {
            UUID asset = (UUID) row[0];
            UUID work = (UUID) row[1];
            int n = position.computeIfAbsent(asset, a -> assetsSeen.merge(work, 1, Integer::sum));
            String objectKey = (String) row[3];
            String name = n + "-" + ((RenditionKind) row[2]).name().toLowerCase(java.util.Locale.ROOT)
                    + objectKey.substring(objectKey.lastIndexOf('.'));
            files.computeIfAbsent(work, w -> new ArrayList<>()).add(new File(name, (String) row[4],
                    row[5] == null ? 0 : (Long) row[5], objectKey));
        }
        return files;
    }

    @Override
    public java.io.InputStream open(File file) {
        return storage.open(file.objectKey());
    }

    @Override
    public Map<UUID, List<Preview>> previewsOf(Collection<UUID> workIds) {
        Map<UUID, List<Preview>> previews = new HashMap<>();
        readyPreviews("a.workId in :ids order by a.createdAt, a.id", workIds).values().forEach(a ->
                previews.computeIfAbsent(a.workId(), w -> new ArrayList<>()).add(a.preview()));
        return previews;
    }

    @Override
    public Map<UUID, AssetPreview> previewsOfAssets(Collection<UUID> assetIds) {
        return readyPreviews("a.id in :ids", assetIds);
    }

    /**
     * The assets the condition (on {@code :ids}) selects, each with the signed URLs of its ready renditions, by asset
     * id in the query's order: one query whatever the number of ids.
     */
    private Map<UUID, AssetPreview> readyPreviews(String condition, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = MediaAsset.getEntityManager().createQuery("""
                select a.id, a.workId, a.mimeType, a.width, a.height, a.durationSeconds, r.key.kind, r.blindKey,
                       r.objectKey
                from MediaAsset a left join Rendition r on r.key.assetId = a.id and r.status = :ready
                where\s""" + condition, Object[].class)
                .setParameter("ready", RenditionStatus.READY)
                .setParameter("ids", ids)
                .getResultList();
        record Asset(UUID workId, boolean video, Integer width, Integer height, Double duration,
                Map<RenditionKind, String> urls) {
        }
        Map<UUID, Asset> assets = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Asset asset = assets.computeIfAbsent((UUID) row[0], id -> new Asset((UUID) row[1],
                    ((String) row[2]).startsWith("video/"), (Integer) row[3], (Integer) row[4], (Double) row[5],
                    new EnumMap<>(RenditionKind.class)));
            if (row[6] != null) {
                String objectKey = (String) row[8];
                String extension = objectKey.substring(objectKey.lastIndexOf('.') + 1);
                asset.urls().put((RenditionKind) row[6], urls.sign((String) row[7], extension).url());
            }
        }
        Instant expiresAt = urls.currentExpiry();
        Map<UUID, AssetPreview> previews = new LinkedHashMap<>();
        assets.forEach((id, a) -> {
            Map<RenditionKind, String> u = a.urls();
            previews.put(id, new AssetPreview(a.workId(), new Preview(a.video() ? MediaType.VIDEO : MediaType.IMAGE,
                    u.get(RenditionKind.THUMBNAIL), u.get(RenditionKind.PREVIEW), u.get(RenditionKind.LARGE),
                    u.get(RenditionKind.POSTER), expiresAt, a.width(), a.height(), a.duration())));
        });
        return previews;
    }
}
