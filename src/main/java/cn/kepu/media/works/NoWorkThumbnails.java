package cn.kepu.media.works;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Used until a media feature provides {@link WorkThumbnails}: no work has previews. */
@ApplicationScoped
@DefaultBean
public class NoWorkThumbnails implements WorkThumbnails {

    @Override
    public Map<UUID, List<Preview>> previewsOf(Collection<UUID> workIds) {
        return Map.of();
    }
}
