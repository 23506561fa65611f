package cn.kepu.media.works.api;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creators and topics of works this request has already read together with the works ({@link WorkViews}), so that the
 * batch resolvers of {@link WorkGraphQL} do not query them again. A resolver uses them only when every work it is
 * asked about is here; otherwise it queries as before. One request's reads, dropped with the request.
 */
@RequestScoped
public class PreloadedWorkParts {

    private final Map<UUID, List<CreatorView>> creators = new HashMap<>();
    private final Map<UUID, List<TopicView>> topics = new HashMap<>();

    public void keep(Map<UUID, List<CreatorView>> creatorsOfWorks, Map<UUID, List<TopicView>> topicsOfWorks) {
        if (creatorsOfWorks != null) {
            creators.putAll(creatorsOfWorks);
        }
        if (topicsOfWorks != null) {
            topics.putAll(topicsOfWorks);
        }
    }

    /** The kept creators of each of the works, or null when any of them was not read with its creators. */
    public Map<UUID, List<CreatorView>> creatorsOf(Collection<UUID> workIds) {
        return allOf(creators, workIds);
    }

    /** The kept topics of each of the works, or null when any of them was not read with its topics. */
    public Map<UUID, List<TopicView>> topicsOf(Collection<UUID> workIds) {
        return allOf(topics, workIds);
    }

    private static <T> Map<UUID, T> allOf(Map<UUID, T> kept, Collection<UUID> workIds) {
        if (kept.isEmpty() || !kept.keySet().containsAll(workIds)) {
            return null;
        }
        return kept;
    }

    /** Whether a request context is active here (a subscription's event may be resolved outside one). */
    static boolean available() {
        ManagedContext context = Arc.container().requestContext();
        return context.isActive();
    }
}
