package cn.kepu.media.media;

import cn.kepu.media.works.AssetPreviews;
import cn.kepu.media.works.WorkThumbnails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link AssetPreviews} from the rendition table: one query for any number of files, URLs signed as for works. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
@ActivateRequestContext
public class AssetPreviewReads implements AssetPreviews {

    private final RenditionUrls urls;

    public AssetPreviewReads(RenditionUrls urls) {
        this.urls = urls;
    }

    @Override
    public Map<UUID, AssetPreview> previewsOfAssets(Collection<UUID> assetIds) {
        if (assetIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = MediaAsset.getEntityManager().createQuery("""
                select a.id, a.workId, a.mimeType, a.width, a.height, a.durationSeconds, r.key.kind, r.blindKey,
                       r.objectKey
                from MediaAsset a left join Rendition r on r.key.assetId = a.id and r.status = :ready
                where a.id in :ids""", Object[].class)
                .setParameter("ready", RenditionStatus.READY)
                .setParameter("ids", assetIds)
                .getResultList();
        record Row(UUID workId, boolean video, Integer width, Integer height, Double duration,
                Map<RenditionKind, String> urls) {
        }
        Map<UUID, Row> assets = new HashMap<>();
        for (Object[] row : rows) {
            Row asset = assets.computeIfAbsent((UUID) row[0], id -> new Row((UUID) row[1],
                    ((String) row[2]).startsWith("video/"), (Integer) row[3], (Integer) row[4], (Double) row[5],
                    new EnumMap<>(RenditionKind.class)));
            if (row[6] != null) {
                String objectKey = (String) row[8];
                asset.urls().put((RenditionKind) row[6],
                        urls.sign((String) row[7], objectKey.substring(objectKey.lastIndexOf('.') + 1)).url());
            }
        }
        Instant expiresAt = urls.currentExpiry();
        Map<UUID, AssetPreview> previews = new HashMap<>();
        assets.forEach((id, a) -> previews.put(id, new AssetPreview(a.workId(), new WorkThumbnails.Preview(
                a.video() ? WorkThumbnails.MediaType.VIDEO : WorkThumbnails.MediaType.IMAGE,
                a.urls().get(RenditionKind.THUMBNAIL), a.urls().get(RenditionKind.PREVIEW),
                a.urls().get(RenditionKind.LARGE), a.urls().get(RenditionKind.POSTER), expiresAt, a.width(),
                a.height(), a.duration()))));
        return previews;
    }
}
