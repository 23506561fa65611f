package cn.kepu.media.testsupport;

import cn.kepu.media.works.MediaFacts;
import cn.kepu.media.works.WorkMediaFacts;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only probed media facts: tests register what "probing" found for a work. Stands in for the media feature
 * (built in parallel) so contest rules are exercised end to end; replace with real uploads once media is merged.
 */
@Alternative
@Priority(10)
@ApplicationScoped
public class TestMediaFacts implements WorkMediaFacts {

    private static final Map<UUID, List<MediaFacts>> FACTS = new ConcurrentHashMap<>();

    public static void register(String workId, MediaFacts... files) {
        FACTS.put(UUID.fromString(workId), List.of(files));
    }

    public static MediaFacts png(int width, int height) {
        return new MediaFacts(UUID.randomUUID(), "image/png", 4_000_000, width, height, null);
    }

    public static MediaFacts mp4(int width, int height, double seconds) {
        return new MediaFacts(UUID.randomUUID(), "video/mp4", 80_000_000, width, height, seconds);
    }

    @Override
    public Map<UUID, List<MediaFacts>> factsOf(Collection<UUID> workIds) {
        Map<UUID, List<MediaFacts>> found = new HashMap<>();
        workIds.forEach(id -> {
            List<MediaFacts> facts = FACTS.get(id);
            if (facts != null) {
                found.put(id, facts);
            }
        });
        return found;
    }
}
