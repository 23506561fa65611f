package cn.kepu.media.search;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Drift between PostgreSQL and the index, in the readiness details. Drift does not make the instance unready (it
 * still serves PostgreSQL-backed queries and the indexer repairs drift); a failing check does.
 */
@Readiness
public class SearchHealth implements HealthCheck {

    private final DriftCheck drift;
    private final SearchIndexer indexer;

    public SearchHealth(DriftCheck drift, SearchIndexer indexer) {
        this.drift = drift;
        this.indexer = indexer;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("search-index");
        try {
            DriftCheck.Report report = drift.run();
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
