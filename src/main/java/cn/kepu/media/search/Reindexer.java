package cn.kepu.media.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Builds a new index from PostgreSQL while searches keep reading the old one, then swaps the alias atomically. The
 * build reads pages on a few threads while earlier pages are built and sent as bulk requests on others, with no
 * refresh and no replicas until it is filled ({@link SearchIndex#createIndexForBuild}); a failed build deletes its index.
 * Each work's document as the indexer last stored it is sent as it is when it is exact (its search version, this
 * builder: {@link SearchDocuments#readPage}); only the others are built, and stored for the next time. A reindex after
 * a mapping change, an Elasticsearch upgrade or a lost cluster therefore streams bytes from PostgreSQL to
 * Elasticsearch instead of segmenting and serialising the library again.
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
        String fresh = index.createIndexForBuild();
        index.aliases(List.of(SearchIndexer.alias("add", fresh, config.pendingAlias())));
        long created = System.nanoTime();
        long written;
        long filled;
        try {
            written = fill(fresh);
            filled = System.nanoTime();
            index.finishBuild(fresh);
        } catch (IOException | SQLException | RuntimeException e) {
            index.deleteIndex(fresh);
            throw e;
        }
        long finished = System.nanoTime();
        Set<String> old = index.indicesOf(config.alias());
        List<Map<String, Object>> swap = new ArrayList<>();
        swap.add(SearchIndexer.alias("remove", fresh, config.pendingAlias()));
        swap.add(SearchIndexer.alias("add", fresh, config.alias()));
        old.forEach(name -> swap.add(SearchIndexer.alias("remove", name, config.alias())));
        index.aliases(swap);
        for (String name : old) {
            index.deleteIndex(name);
        }
        long swapped = System.nanoTime();
        pruneStored();
        long ended = System.nanoTime();
        long millis = (ended - started) / 1_000_000;
        // Where a reindex's time went (deploy/bench/profiles/reindex.md reads these).
        LOG.infof("Reindexed %d works into %s in %d ms (create %d, fill %d, settings+flush+refresh %d, swap+delete %d,"
                + " prune %d ms)", written, fresh, millis, (created - started) / 1_000_000,
                (filled - created) / 1_000_000, (finished - filled) / 1_000_000, (swapped - finished) / 1_000_000,
                (ended - swapped) / 1_000_000);
        return new Report(fresh, written, millis);
    }

    /**
     * Reads all works page by page, {@link SearchConfig#reindexReaders()} ranges of the id space at once (PostgreSQL
     * only, a connection each: stored documents and the rows of the works to build), and hands each page to a writer
     * thread that builds what is not stored (text analysis, JSON), sends its bulk request and stores what it built:
     * at most {@link SearchConfig#reindexBulksInFlight()} pages are built or written at once, and each reader stops a
     * page ahead of them (memory stays bounded by a few pages). In the profile of the
     * serial version the one reading thread waited 30 of 44 s on PostgreSQL and spent two thirds of its CPU segmenting
     * Chinese while the bulks waited for its pages. The first failure (a read, a build or a bulk refused) stops the
     * reading and is thrown once every page handed over has finished (documents already stored stay: each is exact
     * for its version, whatever became of the index).
     *
     * @return documents written
     */
    private long fill(String fresh) throws IOException, SQLException {
        int writers = Math.max(1, config.reindexBulksInFlight());
        int readers = Math.max(1, config.reindexReaders());
        int pagesHeld = writers + readers;
        Semaphore slots = new Semaphore(pagesHeld);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Counts counts = new Counts();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers,
                Thread.ofPlatform().daemon().name("search-reindex-bulk-", 0).factory());
                ExecutorService reading = Executors.newFixedThreadPool(readers,
                        Thread.ofPlatform().daemon().name("search-reindex-read-", 0).factory())) {
            List<Future<?>> ranges = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                UUID from = rangeStart(i, readers);
                UUID to = i + 1 == readers ? null : rangeStart(i + 1, readers);
                ranges.add(reading.submit(() -> {
                    try {
                        readRange(from, to, fresh, slots, pool, failed, counts);
                    } catch (SQLException | RuntimeException e) {
                        failed.compareAndSet(null, e);
                    }
                    return null;
                }));
            }
            for (Future<?> range : ranges) {
                range.get();
            }
            slots.acquire(pagesHeld);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Reindex interrupted", e);
        } catch (ExecutionException e) {
            failed.compareAndSet(null, new IOException("Reindex reading failed", e.getCause()));
        }
        Exception failure = failed.get();
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure instanceof SQLException sql) {
            throw sql;
        } else if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        LOG.infof("Reindex of %s: %d documents sent, %d of them built, the others stored", fresh, counts.sent.get(),
                counts.built.get());
        return counts.sent.get();
    }

    /** One reader's pages: the works with ids in {@code [from, to)}, to null for no upper bound. */
    private void readRange(UUID from, UUID to, String fresh, Semaphore slots, ExecutorService pool,
            AtomicReference<Exception> failed, Counts counts) throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            UUID after = null;
            while (failed.get() == null) {
                SearchDocuments.Page page = documents.readPage(connection, from, to, after,
                        config.reindexBatchSize());
                if (page.last() == null) {
                    return;
                }
                after = page.last();
                slots.acquire();
                pool.execute(() -> {
                    try {
                        send(fresh, page, counts);
                    } catch (IOException | SQLException | RuntimeException e) {
                        failed.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    /**
     * On a writer thread: builds the page's works that have no exact stored document, sends the page as one bulk
     * request, and stores what it built, so the next reindex sends those as they are too.
     */
    private void send(String fresh, SearchDocuments.Page page, Counts counts) throws IOException, SQLException {
        List<SearchDocument> built = documents.build(page.toBuild());
        List<SearchDocument> all = new ArrayList<>(page.stored().size() + built.size());
        all.addAll(page.stored());
        all.addAll(built);
        index.bulk(List.of(fresh), all);
        if (!built.isEmpty()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    // A stored document is a cache of what PostgreSQL holds: one lost in a crash is built again by the
                    // next reindex, so its commit need not wait for the WAL to reach the disk (on a busy disk that
                    // wait would hold the writer thread, and its next page, up).
                    statement.execute("set local synchronous_commit = off");
                }
                try {
                    documents.store(connection, built);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        }
        counts.sent.addAndGet(all.size());
        counts.built.addAndGet(built.size());
    }

    /** Documents a build sent, and how many of them it had to build (the others were stored). */
    private record Counts(AtomicLong sent, AtomicLong built) {
        Counts() {
            this(new AtomicLong(), new AtomicLong());
        }
    }

    /** Stored documents of works deleted while their document was being stored: not worth failing a reindex for. */
    private void pruneStored() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            int pruned = documents.pruneStored(connection);
            if (pruned > 0) {
                LOG.infof("Removed %d stored documents of deleted works", pruned);
            }
        } catch (SQLException e) {
            LOG.warnf("Could not remove stored documents of deleted works: %s", e.getMessage());
        }
    }

    /** Where range {@code i} of {@code n} equal ranges of the id space starts (by the ids' first byte). */
    static UUID rangeStart(int i, int n) {
        return new UUID((long) (i * 256 / n) << 56, 0L);
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
