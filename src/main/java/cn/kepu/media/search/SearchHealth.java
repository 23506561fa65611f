package cn.kepu.media.search;

import cn.kepu.media.shared.health.BoundedProbe;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Drift between PostgreSQL and the index, in the readiness details. Drift does not make the instance unready (it
 * still serves PostgreSQL-backed queries and the indexer repairs drift); a failing check does. The probe costs one
 * row read whatever the library size: it shows the report {@link DriftReports} computes on a schedule (with
 * {@code checkedAt}); organizers get a fresh comparison through the searchDrift query.
 *
 * <p>When no report was ever stored (a fresh database), the probe starts the first comparison in the background (one at
 * a time, whatever the number of probes) and waits for it at most {@link #FIRST_REPORT_WAIT}: a small library is
 * compared within that and answered in full; otherwise the probe answers at once with {@code checkedAt: pending}
 * (never an invented or old report) and a later probe shows the stored one. A comparison reads every id on both sides
 * and waits on Elasticsearch, so a probe that ran it inline took about 10 s, beyond a probe's own time-out.
 *
 * <p>The check runs on a thread of its own, beside the others (SmallRye Health calls plain checks one after another):
 * with Elasticsearch hung and no report stored, its wait and the elasticsearch check's time-out overlap, and the probe
 * answers within about 2 s instead of their sum.
 */
@Readiness
public class SearchHealth implements AsyncHealthCheck {

    /** How long a probe waits for the first report before answering "pending". */
    static final Duration FIRST_REPORT_WAIT = Duration.ofSeconds(2);

    private final DriftReports reports;
    private final SearchIndexer indexer;
    private CompletableFuture<Boolean> firstReport;

    public SearchHealth(DriftReports reports, SearchIndexer indexer) {
        this.reports = reports;
        this.indexer = indexer;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // Reading the stored report waits on PostgreSQL: bounded by the probe's deadline like the other checks.
        return BoundedProbe.of("search-index", this::check);
    }

    HealthCheckResponse check() {
        var response = HealthCheckResponse.named("search-index");
        try {
            Optional<DriftReports.Stored> stored = reports.latest();
            if (stored.isEmpty() && firstReportWithin(FIRST_REPORT_WAIT)) {
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
        } catch (ExecutionException e) {
            return response.down().withData("error", String.valueOf(e.getCause().getMessage())).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private synchronized CompletableFuture<Boolean> startFirstReport() {
        if (firstReport == null || firstReport.isDone()) {
            firstReport = CompletableFuture.supplyAsync(() -> {
                try {
                    return reports.refresh(Duration.ZERO);
                } catch (IOException | SQLException e) {
                    throw new CompletionException(e);
                }
            }, Infrastructure.getDefaultWorkerPool());
        }
        return firstReport;
    }

    /**
     * Starts the first comparison unless one is running, and waits for it up to {@code wait}.
     *
     * @return whether it finished in time (a report may then be stored, by this instance or another)
     * @throws ExecutionException when the comparison failed (the index or the database did not answer)
     */
    boolean firstReportWithin(Duration wait) throws ExecutionException, InterruptedException {
        CompletableFuture<Boolean> computing = startFirstReport();
        try {
            computing.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
