package cn.kepu.media.shared.startup;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Start-up work that waits on a store, run side by side on threads of its own. Quarkus opens the HTTP port only after
 * every {@code StartupEvent} observer has returned, one after another on the main thread, so the bucket check, the
 * search index's creation and the indexer's first pass used to add up before anything else could happen (1.4 s of a
 * start at load 20; README "Start and memory"). Started here, they overlap each other and the rest of the start, and
 * readiness ({@code health/StartupReadiness}) is DOWN until every task has finished: ready still means the bucket and
 * the index exist and the indexer's first pass was made, as when the start waited for them.
 *
 * <p>A task that fails ends the process with status 1, as a failing start-up observer ended the start.
 * {@code kepu.startup.wait=true} (tests) makes the start itself wait for every task, so that resets at start (the
 * tests' bucket purge and index reset) are done before the first test runs.
 */
@ApplicationScoped
public class StartupTasks {

    private static final Logger LOG = Logger.getLogger(StartupTasks.class);

    /** Work that may throw; a task's failure is fatal to the instance. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final boolean waitAtStart;
    private final IntConsumer exit;
    private final Map<String, CompletableFuture<Void>> tasks = new LinkedHashMap<>();

    @Inject
    StartupTasks(@ConfigProperty(name = "kepu.startup.wait", defaultValue = "false") boolean waitAtStart) {
        this(waitAtStart, Quarkus::asyncExit);
    }

    /** For tests: {@code exit} is called with 1 when a task fails (Quarkus' asynchronous exit in the service). */
    public StartupTasks(boolean waitAtStart, IntConsumer exit) {
        this.waitAtStart = waitAtStart;
        this.exit = exit;
    }

    /**
     * Starts {@code work} now on a thread of its own, or once the tasks named in {@code after} have succeeded (a task
     * that failed ends the process anyway).
     */
    public synchronized CompletableFuture<Void> start(String name, Work work, String... after) {
        if (tasks.containsKey(name)) {
            throw new IllegalStateException("Start-up task started twice: " + name);
        }
        CompletableFuture<?> before = CompletableFuture.allOf(List.of(after).stream().map(this::task)
                .toArray(CompletableFuture[]::new));
        CompletableFuture<Void> task = before.thenRunAsync(() -> {
            long begin = System.nanoTime();
            try {
                work.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            LOG.debugf("Start-up task '%s' done in %d ms", name, (System.nanoTime() - begin) / 1_000_000);
        }, runnable -> Thread.ofPlatform().daemon().name("startup-" + name.replace(' ', '-')).start(runnable));
        task.whenComplete((done, failure) -> {
            if (failure != null && !waitAtStart) {
                LOG.errorf(failure, "Start-up task '%s' failed: stopping the instance", name);
                exit.accept(1);
            }
        });
        tasks.put(name, task);
        return task;
    }

    private synchronized CompletableFuture<Void> task(String name) {
        CompletableFuture<Void> task = tasks.get(name);
        if (task == null) {
            throw new IllegalStateException("No start-up task named " + name + " was started before");
        }
        return task;
    }

    /** Tasks not finished yet, by name: empty once everything started has succeeded. */
    public synchronized Map<String, String> unfinished() {
        Map<String, String> unfinished = new LinkedHashMap<>();
        tasks.forEach((name, task) -> {
            if (!task.isDone()) {
                unfinished.put(name, "running");
            } else if (task.isCompletedExceptionally()) {
                unfinished.put(name, "failed: " + task.handle((ok, e) -> cause(e).getMessage()).join());
            }
        });
        return unfinished;
    }

    /** After every other observer (they start their tasks there): with {@code kepu.startup.wait}, waits for them. */
    void awaitAtStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent start) throws Exception {
        if (!waitAtStart) {
            return;
        }
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            all = List.copyOf(tasks.values());
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable cause = cause(e);
            throw cause instanceof Exception exception ? exception : new IllegalStateException(cause);
        }
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
