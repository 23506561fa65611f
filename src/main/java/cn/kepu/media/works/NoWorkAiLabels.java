package cn.kepu.media.works;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Used until a media feature provides {@link WorkAiLabels}: no file carries a label. */
@ApplicationScoped
@DefaultBean
public class NoWorkAiLabels implements WorkAiLabels {

    @Override
    public Map<UUID, List<DetectedAiLabel>> labelsOf(Collection<UUID> workIds) {
        return Map.of();
    }
}
