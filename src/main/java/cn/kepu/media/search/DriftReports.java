package cn.kepu.media.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The drift report as a scheduled job (issue 13): a full comparison reads every id on both sides, seconds at a national
 * library size, which a readiness probe (3 s time-out) must never wait for. One instance at a time computes it (a
 * PostgreSQL advisory lock; the others skip that turn) every {@code kepu.search.drift-every} and stores it in
 * {@code search_drift_report}; probes read that row. Organizers still get a fresh comparison from {@code searchDrift}.
 */
@ApplicationScoped
public class DriftReports {

    /** The stored report and when it was computed. */
    public record Stored(DriftCheck.Report report, Instant checkedAt, long tookMillis) {
    }

    private static final Logger LOG = Logger.getLogger(DriftReports.class);
    /** Advisory lock key ("kepudrft" in ASCII); other advisory locks of the service use other keys. */
    private static final long LOCK = 0x6B65707564726674L;

    private final DriftCheck drift;
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    private final Duration every;
    private final Clock clock;

    public DriftReports(DriftCheck drift, AgroalDataSource dataSource, ObjectMapper json, SearchConfig config,
            Clock clock) {
        this.drift = drift;
        this.dataSource = dataSource;
        this.json = json;
        this.every = config.driftEvery();
        this.clock = clock;
    }

    @Scheduled(every = "${kepu.search.drift-every:5m}", delayed = "${kepu.search.drift-every:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            refresh(every.multipliedBy(9).dividedBy(10));
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warnf("Drift report failed: %s", e.getMessage());
        }
    }

    /**
     * Computes and stores a report, unless another instance is computing one or stored one less than {@code fresh}
     * ago: with several instances each ticking on its own, the report is still computed once per period.
     *
     * @return whether this instance computed it
     */
    public boolean refresh(Duration fresh) throws IOException, SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!advisoryLock(connection, "pg_try_advisory_lock")) {
                return false;
            }
            try {
                if (storedWithin(connection, fresh)) {
                    return false;
                }
                long begin = System.nanoTime();
                DriftCheck.Report report = drift.run();
                long took = (System.nanoTime() - begin) / 1_000_000;
                try (PreparedStatement upsert = connection.prepareStatement("""
                        insert into search_drift_report (id, checked_at, took_ms, report) values (1, ?, ?, ?::jsonb)
                        on conflict (id) do update set checked_at = excluded.checked_at, took_ms = excluded.took_ms,
                            report = excluded.report""")) {
                    upsert.setTimestamp(1, Timestamp.from(clock.instant()));
                    upsert.setLong(2, took);
                    upsert.setString(3, json.writeValueAsString(report));
                    upsert.executeUpdate();
                }
                LOG.infof("Drift report stored (%d ms): %s", took, report);
                return true;
            } finally {
                advisoryLock(connection, "pg_advisory_unlock");
            }
        }
    }

    /** The last stored report: one primary-key read. */
    public Optional<Stored> latest() throws IOException, SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select checked_at, took_ms, report from search_drift_report where id = 1")) {
            select.setQueryTimeout(2);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(json.readValue(row.getString(3), DriftCheck.Report.class),
                        row.getTimestamp(1).toInstant(), row.getLong(2)));
            }
        }
    }

    private boolean storedWithin(Connection connection, Duration fresh) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select 1 from search_drift_report where id = 1 and checked_at > ?")) {
            select.setTimestamp(1, Timestamp.from(clock.instant().minus(fresh)));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select " + function + "(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
