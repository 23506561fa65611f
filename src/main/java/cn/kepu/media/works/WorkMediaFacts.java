package cn.kepu.media.works;

import java.sql.Connection;
import java.sql.SQLException;
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

    /**
     * The same facts read on the caller's JDBC connection, in its transaction and snapshot: search documents are read
     * in bulk by plain JDBC, and the ORM's session per call was 5 % of a reindex's CPU. Files in their order of
     * arrival, as {@link #factsOf(Collection)}.
     */
    default Map<UUID, List<MediaFacts>> factsOf(Connection connection, Collection<UUID> workIds) throws SQLException {
        return factsOf(workIds);
    }
}
