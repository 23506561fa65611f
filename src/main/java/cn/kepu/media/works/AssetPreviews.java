package cn.kepu.media.works;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Previews of single verified files by their id (a brand's logo is one image file). Owned by works, implemented by
 * media, one query for any number of files; unknown ids are absent. The caller decides who may see them.
 */
public interface AssetPreviews {

    /** A file's preview and the work it belongs to. */
    record AssetPreview(UUID workId, WorkThumbnails.Preview preview) {
    }

    Map<UUID, AssetPreview> previewsOfAssets(Collection<UUID> assetIds);
}
