package cn.kepu.media.health;

import cn.kepu.media.shared.health.BoundedProbe;
import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP while PostgreSQL answers a trivial query within {@link #TIMEOUT_MILLIS}. The statement time-out alone is not
 * enough (pgjdbc cancels through the server, which a hung server never acts on), so the connection's network time-out
 * bounds the wait client side. Waiting for a pooled connection is bounded by the probe's deadline: the check runs
 * on a thread of its own beside the others ({@link BoundedProbe}).
 */
@Readiness
public class PostgresReadiness implements AsyncHealthCheck {

    static final int TIMEOUT_MILLIS = 2_000;
    /** Runs the network time-out's abort; pgjdbc needs an executor, never called for a healthy probe. */
    private static final java.util.concurrent.Executor ABORTER = Runnable::run;

    private final AgroalDataSource dataSource;

    public PostgresReadiness(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return BoundedProbe.of("postgresql", this::check);
    }

    HealthCheckResponse check() {
        var response = HealthCheckResponse.named("postgresql");
        try (Connection connection = dataSource.getConnection()) {
            // The connection goes back to the pool: its usual time-out is restored after the probe.
            int usual = connection.getNetworkTimeout();
            connection.setNetworkTimeout(ABORTER, TIMEOUT_MILLIS);
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(2);
                try (ResultSet rs = statement.executeQuery("select current_setting('server_version')")) {
                    rs.next();
                    return response.up().withData("version", rs.getString(1)).build();
                }
            } finally {
                connection.setNetworkTimeout(ABORTER, usual);
            }
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
