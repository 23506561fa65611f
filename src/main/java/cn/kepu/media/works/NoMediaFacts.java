package cn.kepu.media.works;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Used until a media feature provides {@link WorkMediaFacts}: no work has verified files. */
@ApplicationScoped
@DefaultBean
public class NoMediaFacts implements WorkMediaFacts {

    @Override
    public Map<UUID, List<MediaFacts>> factsOf(Collection<UUID> workIds) {
        return Map.of();
    }
}
