package cn.kepu.media.health;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.startup.StartupTasks;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Ready means the start-up work beside the start is done: DOWN, naming what runs, until then. */
class StartupReadinessTest {

    @Test
    void downWhileStartUpWorkRunsAndUpOnceItIsDone() throws Exception {
        StartupTasks tasks = new StartupTasks(false, status -> {
        });
        CountDownLatch release = new CountDownLatch(1);
        var index = tasks.start("search index", release::await);
        StartupReadiness readiness = new StartupReadiness(tasks);

        HealthCheckResponse starting = readiness.call().await().indefinitely();
        assertThat(starting.getName()).isEqualTo("startup");
        assertThat(starting.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(starting.getData().orElseThrow()).containsEntry("search index", "running");

        release.countDown();
        index.get(5, TimeUnit.SECONDS);
        assertThat(readiness.call().await().indefinitely().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
