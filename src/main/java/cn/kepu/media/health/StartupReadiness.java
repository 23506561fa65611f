package cn.kepu.media.health;

import cn.kepu.media.shared.startup.StartupTasks;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the start-up work that runs beside the start has finished ({@link StartupTasks}: the object store's
 * bucket ensured, the search index created and the indexer's first pass made), naming what is still running. Reads
 * in-memory state only: no store is called.
 */
@Readiness
public class StartupReadiness implements AsyncHealthCheck {

    private final StartupTasks tasks;

    public StartupReadiness(StartupTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(this::check);
    }

    HealthCheckResponse check() {
        Map<String, String> unfinished = tasks.unfinished();
        var response = HealthCheckResponse.named("startup").status(unfinished.isEmpty());
        unfinished.forEach(response::withData);
        return response.build();
    }
}
