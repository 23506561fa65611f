package cn.kepu.media.shared.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up work beside the start: what readiness sees while it runs, the order it keeps, and what a failure does. */
class StartupTasksTest {

    private final List<Integer> exits = new CopyOnWriteArrayList<>();

    @Test
    void aRunningTaskIsUnfinishedUntilItReturns() throws Exception {
        StartupTasks tasks = new StartupTasks(false, exits::add);
        CountDownLatch release = new CountDownLatch(1);
        var task = tasks.start("bucket", () -> release.await());

        assertThat(tasks.unfinished()).containsExactly(java.util.Map.entry("bucket", "running"));
        release.countDown();
        task.get(5, TimeUnit.SECONDS);
        assertThat(tasks.unfinished()).isEmpty();
        assertThat(exits).isEmpty();
    }

    @Test
    void tasksRunSideBySideAndADependentOneWaitsForItsPredecessor() throws Exception {
        StartupTasks tasks = new StartupTasks(false, exits::add);
        CountDownLatch bothRunning = new CountDownLatch(2);
        List<String> order = new CopyOnWriteArrayList<>();
        tasks.start("bucket", () -> {
            bothRunning.countDown();
            assertThat(bothRunning.await(5, TimeUnit.SECONDS)).as("the other task runs meanwhile").isTrue();
            order.add("bucket");
        });
        var index = tasks.start("index", () -> {
            bothRunning.countDown();
            assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
        });
        tasks.start("purge", () -> order.add("purge"), "bucket").get(5, TimeUnit.SECONDS);
        // "index" depends on nothing, so "purge" being done says nothing of it: wait for it before asking.
        index.get(5, TimeUnit.SECONDS);

        assertThat(order).containsExactly("bucket", "purge");
        assertThat(tasks.unfinished()).isEmpty();
    }

    @Test
    void aFailedTaskStaysUnfinishedAndStopsTheInstance() throws Exception {
        StartupTasks tasks = new StartupTasks(false, exits::add);
        var task = tasks.start("bucket", () -> {
            throw new IllegalStateException("store unreachable");
        });
        awaitDone(task);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (exits.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(exits).containsExactly(1);
        assertThat(tasks.unfinished()).containsExactly(java.util.Map.entry("bucket", "failed: store unreachable"));
    }

    @Test
    void withWaitTheStartWaitsForEveryTaskAndFailsWithTheTask() throws Exception {
        StartupTasks waiting = new StartupTasks(true, exits::add);
        List<String> done = new CopyOnWriteArrayList<>();
        waiting.start("slow", () -> {
            Thread.sleep(200);
            done.add("slow");
        });
        waiting.awaitAtStart(null);
        assertThat(done).containsExactly("slow");

        StartupTasks failing = new StartupTasks(true, exits::add);
        failing.start("bucket", () -> {
            throw new java.io.IOException("store unreachable");
        });
        assertThatThrownBy(() -> failing.awaitAtStart(null)).isInstanceOf(java.io.IOException.class)
                .hasMessage("store unreachable");
        assertThat(exits).as("the failed start itself ends the process").isEmpty();
    }

    private static void awaitDone(java.util.concurrent.CompletableFuture<Void> task) {
        try {
            task.get(5, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // failed, as the test wants
        }
    }
}
