package cn.kepu.media.works;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Used until a media feature provides {@link AssetPreviews}: no file has previews. */
@ApplicationScoped
@DefaultBean
public class NoAssetPreviews implements AssetPreviews {

    @Override
    public Map<UUID, AssetPreview> previewsOfAssets(Collection<UUID> assetIds) {
        return Map.of();
    }
}
