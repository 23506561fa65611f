package cn.kepu.media.search;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/** Organizer operations on the index: rebuild it and check it against PostgreSQL. */
@ApplicationScoped
public class SearchAdmin {

    private static final Logger LOG = Logger.getLogger(SearchAdmin.class);

    private final Caller caller;
    private final Reindexer reindexer;
    private final DriftCheck drift;

    public SearchAdmin(Caller caller, Reindexer reindexer, DriftCheck drift) {
        this.caller = caller;
        this.reindexer = reindexer;
        this.drift = drift;
    }

    public Reindexer.Report reindex() {
        caller.requireAny(Role.ORGANIZER);
        try {
            return reindexer.reindex();
        } catch (Reindexer.AlreadyRunning e) {
            throw new ApiException(ErrorCode.CONFLICT, null, Msg.of("search.reindex.running"));
        } catch (IOException | SQLException e) {
            LOG.error("Reindex failed", e);
            throw new ApiException(ErrorCode.SEARCH_UNAVAILABLE, null, Msg.of("search.reindex.failed"));
        }
    }

    public DriftCheck.Report drift() {
        caller.requireAny(Role.ORGANIZER);
        try {
            return drift.run();
        } catch (IOException | SQLException e) {
            LOG.warn("Drift check failed", e);
            throw new ApiException(ErrorCode.SEARCH_UNAVAILABLE, null, Msg.of("search.drift.failed"));
        }
    }
}
