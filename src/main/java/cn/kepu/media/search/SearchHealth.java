package cn.kepu.media.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Drift between PostgreSQL and the index, in the readiness details. Drift does not make the instance unready (it
 * still serves PostgreSQL-backed queries and the indexer repairs drift); a failing check does. A full comparison
 * reads every id on both sides, so probes reuse a report for {@link #REUSE}; organizers get a fresh one through
 * the searchDrift query.
 */
@Readiness
public class SearchHealth implements HealthCheck {

    static final Duration REUSE = Duration.ofSeconds(30);

    private final DriftCheck drift;
    private volatile DriftCheck.Report last;
    private volatile Instant lastAt = Instant.MIN;
    private final SearchIndexer indexer;
    private final Clock clock;

    public SearchHealth(DriftCheck drift, SearchIndexer indexer, Clock clock) {
        this.drift = drift;
        this.indexer = indexer;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("search-index");
        try {
            DriftCheck.Report report = last;
            if (report == null || clock.instant().isAfter(lastAt.plus(REUSE))) {
                report = drift.run();
                last = report;
                lastAt = clock.instant();
            }
            return response.up()
                    .withData("inSync", report.inSync())
                    .withData("databaseWorks", report.databaseWorks())
                    .withData("indexedDocuments", report.indexedDocuments())
                    .withData("missing", report.missing())
                    .withData("extra", report.extra())
                    .withData("stale", report.stale())
                    .withData("pendingEvents", report.pendingEvents())
                    .withData("indexerFailuresInARow", indexer.consecutiveFailures())
                    .build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
