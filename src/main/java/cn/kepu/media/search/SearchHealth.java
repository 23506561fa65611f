package cn.kepu.media.search;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Drift between PostgreSQL and the index, in the readiness details. Drift does not make the instance unready (it
 * still serves PostgreSQL-backed queries and the indexer repairs drift); a failing check does. The probe costs one
 * row read whatever the library size: it shows the report {@link DriftReports} computes on a schedule (with
 * {@code checkedAt}); only when none was ever stored (a fresh database, small by definition) does it compute the
 * first. Organizers get a fresh comparison through the searchDrift query.
 */
@Readiness
public class SearchHealth implements HealthCheck {

    private final DriftReports reports;
    private final SearchIndexer indexer;

    public SearchHealth(DriftReports reports, SearchIndexer indexer) {
        this.reports = reports;
        this.indexer = indexer;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("search-index");
        try {
            Optional<DriftReports.Stored> stored = reports.latest();
            if (stored.isEmpty() && reports.refresh(Duration.ZERO)) {
                stored = reports.latest();
            }
            if (stored.isEmpty()) {
                return response.up().withData("checkedAt", "pending")
                        .withData("indexerFailuresInARow", indexer.consecutiveFailures()).build();
            }
            DriftCheck.Report report = stored.get().report();
            return response.up()
                    .withData("inSync", report.inSync())
                    .withData("databaseWorks", report.databaseWorks())
                    .withData("indexedDocuments", report.indexedDocuments())
                    .withData("missing", report.missing())
                    .withData("extra", report.extra())
                    .withData("stale", report.stale())
                    .withData("pendingEvents", report.pendingEvents())
                    .withData("checkedAt", stored.get().checkedAt().toString())
                    .withData("checkTookMs", stored.get().tookMillis())
                    .withData("indexerFailuresInARow", indexer.consecutiveFailures())
                    .build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
