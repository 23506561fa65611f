package cn.kepu.media.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.ratelimit.RateLimiter.Budget;
import cn.kepu.media.shared.ratelimit.RateLimiter.Decision;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The budget is one for the deployment (issue 13 item 7): two limiters stand for two instances on the same
 * PostgreSQL, and a caller whose requests alternate between them (a balancer without affinity) gets the budget once,
 * not once per instance. When PostgreSQL fails or does not answer, each instance decides alone, within bounded time.
 */
@QuarkusTest
class SharedRateLimiterTest {

    @Inject
    AgroalDataSource dataSource;

    private final ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        queries.shutdownNow();
    }

    private SharedRateLimiter instance(DataSource source) {
        return new SharedRateLimiter(source, new LocalRateLimiter(), true, queries, System::nanoTime);
    }

    private static String caller() {
        return "ip:test-" + UUID.randomUUID();
    }

    @Test
    void twoInstancesServeOneBudgetBetweenThem() {
        SharedRateLimiter a = instance(dataSource);
        SharedRateLimiter b = instance(dataSource);
        Budget budget = new Budget(30, Duration.ofHours(1));
        String caller = caller();

        int allowed = 0;
        Decision last = null;
        for (int i = 0; i < 100; i++) {
            last = (i % 2 == 0 ? a : b).acquire(caller, budget);
            allowed += last.allowed() ? 1 : 0;
        }

        assertThat(allowed).as("requests served of 100, budget 30 an hour shared by two instances").isEqualTo(30);
        assertThat(last.allowed()).isFalse();
        assertThat(last.retryAfterSeconds()).as("one token takes 120 s to come back").isBetween(100L, 121L);
        assertThat(a.acquire(caller(), budget).allowed()).as("another caller has its own budget").isTrue();
    }

    @Test
    void concurrentRequestsOnBothInstancesNeverExceedTheBudget() throws Exception {
        SharedRateLimiter a = instance(dataSource);
        SharedRateLimiter b = instance(dataSource);
        Budget budget = new Budget(1_000, Duration.ofHours(1));
        String caller = caller();
        AtomicInteger allowed = new AtomicInteger();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                SharedRateLimiter limiter = t % 2 == 0 ? a : b;
                clients.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 400; i++) {
                        if (limiter.acquireAsync(caller, budget).toCompletableFuture().join().allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        // Leases taken ahead and left unused by the end are lost, at most 1/50 of what was left each time.
        assertThat(allowed.get()).as("3 200 requests on two instances, budget 1 000 an hour").isBetween(950, 1_000);
    }

    @Test
    void aFailingDatabaseLeavesEachInstanceItsOwnBudget() {
        SharedRateLimiter limiter = instance(new Unusable(0));
        Budget budget = new Budget(5, Duration.ofMinutes(1));
        String caller = caller();

        int allowed = 0;
        for (int i = 0; i < 8; i++) {
            allowed += limiter.acquire(caller, budget).allowed() ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void aDatabaseThatDoesNotAnswerHoldsARequestAtMostASecond() {
        SharedRateLimiter limiter = instance(new Unusable(10_000));
        Budget budget = new Budget(5, Duration.ofMinutes(1));

        long begin = System.nanoTime();
        Decision first = limiter.acquireAsync(caller(), budget).toCompletableFuture().join();
        long millis = (System.nanoTime() - begin) / 1_000_000;
        long beginNext = System.nanoTime();
        Decision next = limiter.acquireAsync(caller(), budget).toCompletableFuture().join();
        long nextMillis = (System.nanoTime() - beginNext) / 1_000_000;

        assertThat(first.allowed()).isTrue();
        assertThat(millis).as("first request, PostgreSQL hung (ms)").isLessThan(SharedRateLimiter.WAIT_MILLIS + 1_500);
        assertThat(next.allowed()).isTrue();
        assertThat(nextMillis).as("next request: decided here at once while PostgreSQL is marked down (ms)")
                .isLessThan(200);
    }

    /** A data source that fails after {@code delayMillis} (0: at once), as a stopped or hung PostgreSQL does. */
    private record Unusable(long delayMillis) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("database unavailable (test)");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
