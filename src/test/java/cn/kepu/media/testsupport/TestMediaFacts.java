package cn.kepu.media.testsupport;

import cn.kepu.media.media.MediaReads;
import cn.kepu.media.works.MediaFacts;
import cn.kepu.media.works.WorkMediaFacts;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only probed media facts layered over the real ones: contest tests register what probing would have found
 * for a work (say a 1080x1920 video) instead of uploading such a file for every case; works nobody registered get
 * the facts the media feature really probed, so upload tests see their own files.
 */
@Alternative
@Priority(10)
@ApplicationScoped
public class TestMediaFacts implements WorkMediaFacts {

    private static final Map<UUID, List<MediaFacts>> FACTS = new ConcurrentHashMap<>();

    private final MediaReads probed;

    public TestMediaFacts(MediaReads probed) {
        this.probed = probed;
    }

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
        return registeredOver(probed.factsOf(workIds), workIds);
    }

    @Override
    public Map<UUID, List<MediaFacts>> factsOf(Connection connection, Collection<UUID> workIds) throws SQLException {
        return registeredOver(probed.factsOf(connection, workIds), workIds);
    }

    private static Map<UUID, List<MediaFacts>> registeredOver(Map<UUID, List<MediaFacts>> probedFacts,
            Collection<UUID> workIds) {
        Map<UUID, List<MediaFacts>> found = new HashMap<>(probedFacts);
        workIds.forEach(id -> {
            List<MediaFacts> facts = FACTS.get(id);
            if (facts != null) {
                found.put(id, facts);
            }
        });
        return found;
    }
}
