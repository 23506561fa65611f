package cn.kepu.media.shared.ratelimit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Budgets shared by every instance: one token bucket per caller in PostgreSQL ({@code rate_limit_bucket}, taken from by
 * {@code rate_limit_take} under a row lock, on PostgreSQL's clock), so a caller whose requests the balancer spreads
 * over several instances still gets the configured budget once, not once per instance.
 *
 * <p>A round trip per request would put PostgreSQL on every request's path; instead each instance holds a small lease
 * per caller: what its waiting requests asked for, plus a little more (at most 1/50 of what is left in the shared
 * bucket, at most {@link #MAX_EXTRA}) for the caller's next requests, valid {@link #LEASE_NANOS} and only for the budget
 * it was taken under. Leased tokens are taken from the shared bucket, so all instances together never serve more than
 * the budget (plus its refill), however long a lease lives; what a lease does not use is lost, at most 2 % of what the
 * bucket held. The lease lives long enough (10 s) that a client's calls a few seconds apart — an upload's
 * {@code startUpload} and {@code completeUpload} around its transfer (issue 13 item 3) — are decided from memory. A
 * caller whose bucket is empty is refused from memory until PostgreSQL said a token would be back: a flood of refused
 * requests costs no queries. Requests of one caller that need a lease at the same time share one query.
 *
 * <p>When PostgreSQL does not answer within {@link #WAIT_MILLIS} or fails, the decision falls back on this instance's
 * own {@link LocalRateLimiter} with the same budget (per instance, as before budgets were shared) for
 * {@link #DOWN_NANOS}: a slow or absent database never holds a request at the gate longer than that.
 */
@ApplicationScoped
public class SharedRateLimiter implements RateLimiter {

    private static final Logger LOG = Logger.getLogger(SharedRateLimiter.class);
    static final long WAIT_MILLIS = 1_000;
    /** Lease queries one request may wait through before it is refused (a near-empty bucket many contend for). */
    private static final int MAX_ROUNDS = 20;
    static final long LEASE_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long DOWN_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final int MAX_EXTRA = 1_000;
    /** Above this many leases, idle ones are dropped on the next acquire. */
    private static final int SWEEP_ABOVE = 50_000;
    private static final CompletableFuture<Decision> ALLOWED = CompletableFuture.completedFuture(Decision.ALLOW);

    private final DataSource dataSource;
    private final LocalRateLimiter local;
    private final boolean shared;
    private final Executor queries;
    private final LongSupplier nanoTime;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    /** PostgreSQL failed or was slow: budgets per instance until {@link #downUntil}. */
    private volatile boolean down;
    private volatile long downUntil;

    @Inject
    public SharedRateLimiter(AgroalDataSource dataSource, LocalRateLimiter local, RateLimitConfig config) {
        this(dataSource, local, config.shared(), Executors.newVirtualThreadPerTaskExecutor(), System::nanoTime);
    }

    SharedRateLimiter(DataSource dataSource, LocalRateLimiter local, boolean shared, Executor queries,
            LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.local = local;
        this.shared = shared;
        this.queries = queries;
        this.nanoTime = nanoTime;
    }

    /** Whether budgets are kept in PostgreSQL (kepu.rate-limit.shared) rather than per instance. */
    public boolean shared() {
        return shared;
    }

    @Override
    public Decision acquire(String key, Budget budget) {
        return acquireAsync(key, budget).toCompletableFuture().join();
    }

    @Override
    public CompletionStage<Decision> acquireAsync(String key, Budget budget) {
        CompletableFuture<Decision> decision = attempt(key, budget, 0);
        if (decision.isDone()) {
            return decision;
        }
        return decision.completeOnTimeout(null, WAIT_MILLIS, TimeUnit.MILLISECONDS).thenApply(answer -> {
            if (answer != null) {
                return answer;
            }
            markDown("no answer within " + WAIT_MILLIS + " ms");
            return local.acquire(key, budget);
        });
    }

    private CompletableFuture<Decision> attempt(String key, Budget budget, int round) {
        long now = nanoTime.getAsLong();
        if (!shared || (down && now - downUntil < 0)) {
            return CompletableFuture.completedFuture(local.acquire(key, budget));
        }
        if (round > MAX_ROUNDS) {
            return CompletableFuture.completedFuture(new Decision(false, 1));
        }
        if (leases.size() > SWEEP_ABOVE) {
            leases.values().removeIf(lease -> lease.idle(now));
        }
        Lease lease = leases.computeIfAbsent(key, k -> new Lease());
        CompletableFuture<Void> fetched;
        synchronized (lease) {
            if (lease.tokens > 0 && now - lease.expires < 0 && budget.equals(lease.budget)) {
                lease.tokens--;
                return ALLOWED;
            }
            if (lease.denied && now - lease.deniedUntil < 0 && budget.equals(lease.budget)) {
                long seconds = (lease.deniedUntil - now + 999_999_999L) / 1_000_000_000L;
                return CompletableFuture.completedFuture(new Decision(false, Math.max(1, seconds)));
            }
            if (lease.fetch == null) {
                lease.fetch = new CompletableFuture<>();
                lease.demand = 0;
                CompletableFuture<Void> started = lease.fetch;
                queries.execute(() -> fetch(key, budget, lease, started));
            }
            lease.demand++;
            fetched = lease.fetch;
        }
        return fetched.thenCompose(ignored -> attempt(key, budget, round + 1));
    }

    private void fetch(String key, Budget budget, Lease lease, CompletableFuture<Void> done) {
        int want;
        synchronized (lease) {
            want = Math.max(1, lease.demand);
        }
        int granted = 0;
        long waitMillis = 0;
        boolean answered = false;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement take = connection.prepareStatement("select granted, wait_ms from rate_limit_take(?, ?, ?, ?, ?)")) {
            take.setQueryTimeout(2);
            take.setString(1, key);
            take.setInt(2, budget.requests());
            take.setLong(3, budget.period().toMillis());
            take.setInt(4, want);
            take.setInt(5, MAX_EXTRA);
            try (ResultSet row = take.executeQuery()) {
                row.next();
                granted = row.getInt(1);
                waitMillis = row.getLong(2);
                answered = true;
            }
        } catch (SQLException | RuntimeException e) {
            markDown(e.getMessage());
        }
        long now = nanoTime.getAsLong();
        synchronized (lease) {
            if (answered) {
                lease.budget = budget;
                lease.tokens = granted;
                lease.expires = now + LEASE_NANOS;
                lease.denied = granted == 0;
                lease.deniedUntil = now + TimeUnit.MILLISECONDS.toNanos(Math.max(1, waitMillis));
            }
            lease.fetch = null;
        }
        done.complete(null);
    }

    private void markDown(String reason) {
        long now = nanoTime.getAsLong();
        if (!down || now - downUntil >= 0) {
            LOG.warnf("Shared rate limits unavailable (%s): budgets kept per instance for %d s", reason,
                    TimeUnit.NANOSECONDS.toSeconds(DOWN_NANOS));
        }
        downUntil = now + DOWN_NANOS;
        down = true;
    }

    /** Forgets buckets that are full again (nothing left to remember); every instance may run it. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!shared) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from rate_limit_bucket where full_at < clock_timestamp()")) {
            delete.setQueryTimeout(30);
            delete.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Sweeping full rate-limit buckets failed: %s", e.getMessage());
        }
    }

    /** This instance's share of one caller's shared bucket. Guarded by its own monitor. */
    private static final class Lease {
        /** The budget the tokens were taken under: a changed budget (tests tighten them) takes a new lease. */
        Budget budget;
        int tokens;
        long expires;
        boolean denied;
        long deniedUntil;
        int demand;
        CompletableFuture<Void> fetch;

        synchronized boolean idle(long now) {
            return fetch == null && (tokens == 0 || now - expires >= 0) && (!denied || now - deniedUntil >= 0);
        }
    }
}
