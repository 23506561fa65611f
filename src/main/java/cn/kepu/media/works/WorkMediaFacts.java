package cn.kepu.media.works;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read side of the media feature as other features need it (contest rules, search documents), so they depend on
 * this interface and not on the media package. Works without verified files map to an empty list or are absent.
 */
public interface WorkMediaFacts {

    Map<UUID, List<MediaFacts>> factsOf(Collection<UUID> workIds);
}
