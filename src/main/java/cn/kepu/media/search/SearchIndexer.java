package cn.kepu.media.search;

import cn.kepu.media.shared.cluster.PostgresNotifications;
import cn.kepu.media.shared.startup.StartupTasks;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drains the search outbox into Elasticsearch. Each pass claims rows with {@code FOR UPDATE SKIP LOCKED} and deletes
 * them in the same transaction that the bulk request runs in: a failed bulk rolls the claim back, so the rows wait
 * for the next pass, and several instances drain side by side without taking the same rows. While Elasticsearch
 * fails, passes back off exponentially up to {@link SearchConfig#maxBackoff()}; nothing is lost meanwhile, because
 * the outbox is in PostgreSQL. The same transaction stores the documents sent ({@link SearchDocuments#store}): a
 * reindex sends those as they are instead of building them again.
 */
@ApplicationScoped
public class SearchIndexer {

    private static final Logger LOG = Logger.getLogger(SearchIndexer.class);
    /** Notified by the outbox trigger (schema/sql V110) after each commit that wrote outbox rows. */
    static final String OUTBOX_CHANNEL = PostgresNotifications.SEARCH_OUTBOX_CHANNEL;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    // "= any(array(...))" makes the claimed ids an init plan probed through the primary key: with "in (select ...)"
    // and statistics from before a bulk load, PostgreSQL chose a plan that scanned the whole outbox per batch.
    private static final String CLAIM = """
            delete from search_outbox where id = any(array(
                select id from search_outbox order by id limit ? for update skip locked))
            returning work_id""";

    private final AgroalDataSource dataSource;
    private final SearchIndex index;
    private final SearchDocuments documents;
    private final Reindexer reindexer;
    private final SearchConfig config;
    private final Clock clock;
    private final PostgresNotifications notifications;
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("search-indexer-wake").factory());
    private final AtomicBoolean wakePending = new AtomicBoolean();

    /** Set once the start-up reset is done: a scheduled pass before it would build an index the reset deletes. */
    private volatile boolean started;
    private volatile boolean indexReady;
    private volatile int failures;
    private volatile Instant nextAttempt = Instant.MIN;

    public SearchIndexer(AgroalDataSource dataSource, SearchIndex index, SearchDocuments documents,
            Reindexer reindexer, SearchConfig config, Clock clock, PostgresNotifications notifications) {
        this.dataSource = dataSource;
        this.index = index;
        this.documents = documents;
        this.reindexer = reindexer;
        this.config = config;
        this.clock = clock;
        this.notifications = notifications;
    }

    /**
     * The index reset (tests), the index's creation and the first pass, as a start-up task beside the rest of the
     * start: readiness waits for it ({@link StartupTasks}). A pass that fails (Elasticsearch down) backs off as
     * always; the task is done once the pass was tried, as the start used to go on.
     */
    void start(@Observes StartupEvent start, StartupTasks tasks) {
        tasks.start("search index", () -> {
            if (config.resetAtStart()) {
                try {
                    index.deleteAll();
                } catch (IOException e) {
                    LOG.warn("Could not delete the indices of the previous run", e);
                }
            }
            started = true;
            // V110's trigger notifies on every commit that wrote outbox rows: drain then, not at the next poll. The
            // poll stays as the safety net (missed notifications, back-off after failures).
            notifications.subscribe(OUTBOX_CHANNEL, payload -> wake());
            tick();
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        wakeups.shutdownNow();
    }

    /** Runs a pass soon on the indexer's own thread; wake-ups arriving meanwhile fold into that one pass. */
    void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                wakeups.execute(() -> {
                    wakePending.set(false);
                    tick();
                });
            } catch (RejectedExecutionException e) {
                wakePending.set(false);
            }
        }
    }

    @Scheduled(every = "${kepu.search.indexer-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void tick() {
        if (!started || clock.instant().isBefore(nextAttempt)) {
            return;
        }
        try {
            ensureIndex();
            while (drainOnce() == config.batchSize()) {
                // A full batch means more may be waiting: keep going rather than wait for the next tick.
            }
            failures = 0;
        } catch (IOException | SQLException | RuntimeException e) {
            failures++;
            long delay = Math.min(config.maxBackoff().toMillis(),
                    FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 20));
            nextAttempt = clock.instant().plusMillis(delay);
            LOG.warnf("Search indexing failed (%d in a row), next attempt in %d ms: %s", failures, delay,
                    e.getMessage());
        }
    }

    /** Whether the last pass failed and the indexer is backing off (for health details). */
    public int consecutiveFailures() {
        return failures;
    }

    /**
     * One pass: claims up to a batch of outbox rows, writes their works' current documents to every write target,
     * and commits the claim only if Elasticsearch took them all.
     *
     * @return outbox rows consumed
     */
    public int drainOnce() throws SQLException, IOException {
        int rows = drainBatch();
        if (rows > 0) {
            // Search answers kept by the public answer cache may predate these documents: drop them, on every instance
            // (the outbox's own signal came before the documents reached the index). Without the signal they expire
            // within the cache's time to live: not a reason to fail the pass.
            try {
                notifications.send(PostgresNotifications.PUBLIC_CHANGED_CHANNEL, "search");
            } catch (RuntimeException e) {
                LOG.debugf("could not announce indexed changes: %s", e.getMessage());
            }
        }
        return rows;
    }

    private int drainBatch() throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Set<UUID> workIds = new LinkedHashSet<>();
                int rows = 0;
                try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                    claim.setInt(1, config.batchSize());
                    try (ResultSet claimed = claim.executeQuery()) {
                        while (claimed.next()) {
                            workIds.add(claimed.getObject(1, UUID.class));
                            rows++;
                        }
                    }
                }
                if (rows > 0) {
                    // Resolved after claiming: an index a reindex started before now is already among the targets.
                    Set<String> targets = index.writeTargets();
                    if (targets.isEmpty()) {
                        throw new IOException("No index behind alias " + config.alias());
                    }
                    List<SearchDocument> docs = documents.load(connection, workIds);
                    index.bulk(targets, docs);
                    // Kept for the next reindex, in this transaction: the rows are the documents just sent, at the
                    // versions of this snapshot, and a failed bulk stores nothing.
                    documents.store(connection, docs);
                    if (rows < config.batchSize()) {
                        // A trickle of edits (not a bulk load): make them searchable now instead of at the next
                        // periodic refresh, which alone would add up to a second to publish-to-searchable.
                        index.refresh(String.join(",", targets));
                    }
                }
                connection.commit();
                return rows;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Outbox rows not yet indexed. */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("select count(*) from search_outbox");
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Creates the first index behind the alias by a full build, once per process; later passes find it. */
    private void ensureIndex() throws IOException, SQLException {
        if (indexReady) {
            return;
        }
        Set<String> current = index.indicesOf(config.alias());
        String wanted = config.indexPrefix() + config.definition() + "-";
        if (current.isEmpty()) {
            LOG.infof("No index behind %s: building one from PostgreSQL", config.alias());
            reindexer.reindex();
        } else if (current.stream().noneMatch(name -> name.startsWith(wanted))) {
            // A new definition (mapping or analysis) was deployed: rebuild while searches read the old index.
            LOG.infof("Index %s is not of definition %s: rebuilding from PostgreSQL", current, config.definition());
            reindexer.reindex();
        }
        indexReady = true;
    }

    static Map<String, Object> alias(String action, String index, String alias) {
        return Map.of(action, Map.of("index", index, "alias", alias));
    }
}
