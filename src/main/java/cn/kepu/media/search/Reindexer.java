package cn.kepu.media.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Builds a new index from PostgreSQL while searches keep reading the old one, then swaps the alias atomically.
 * The new index is put behind the pending alias before the first row is read, so the indexer writes every change
 * made meanwhile into it as well; external versions make the two writers agree whichever comes last. A session
 * advisory lock keeps two instances from rebuilding at once.
 */
@ApplicationScoped
public class Reindexer {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    /** Arbitrary but fixed key of the advisory lock that serializes reindexes across instances. */
    private static final long LOCK_KEY = 0x6b6570755f726978L;

    /** What a reindex did: the index now behind the alias, documents written, time taken. */
    public record Report(String index, long documents, long millis) {
    }

    /** Thrown when another reindex holds the lock. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning() {
            super("A reindex is already running");
        }
    }

    private final AgroalDataSource dataSource;
    private final SearchIndex index;
    private final SearchDocuments documents;
    private final SearchConfig config;

    public Reindexer(AgroalDataSource dataSource, SearchIndex index, SearchDocuments documents, SearchConfig config) {
        this.dataSource = dataSource;
        this.index = index;
        this.documents = documents;
        this.config = config;
    }

    public Report reindex() throws IOException, SQLException {
        long started = System.nanoTime();
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisoryLock(lockHolder, "pg_try_advisory_lock")) {
                throw new AlreadyRunning();
            }
            try {
                return rebuild(started);
            } finally {
                advisoryLock(lockHolder, "pg_advisory_unlock");
            }
        }
    }

    private Report rebuild(long started) throws IOException, SQLException {
        String fresh = index.createIndex();
        index.aliases(List.of(SearchIndexer.alias("add", fresh, config.pendingAlias())));
        long written = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            UUID after = null;
            while (true) {
                List<SearchDocument> page = documents.page(connection, after, config.reindexBatchSize());
                if (page.isEmpty()) {
                    break;
                }
                index.bulk(List.of(fresh), page);
                written += page.size();
                after = page.getLast().id();
            }
        } catch (IOException | SQLException | RuntimeException e) {
            index.deleteIndex(fresh);
            throw e;
        }
        index.refresh(fresh);
        Set<String> old = index.indicesOf(config.alias());
        List<Map<String, Object>> swap = new ArrayList<>();
        swap.add(SearchIndexer.alias("remove", fresh, config.pendingAlias()));
        swap.add(SearchIndexer.alias("add", fresh, config.alias()));
        old.forEach(name -> swap.add(SearchIndexer.alias("remove", name, config.alias())));
        index.aliases(swap);
        for (String name : old) {
            index.deleteIndex(name);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("Reindexed %d works into %s in %d ms", written, fresh, millis);
        return new Report(fresh, written, millis);
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
