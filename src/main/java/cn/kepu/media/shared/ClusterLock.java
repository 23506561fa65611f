package cn.kepu.media.shared;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs a periodic job on one instance at a time: a PostgreSQL session-level advisory lock, taken without waiting on a
 * connection of its own and released when the job ends (or when the connection dies with the instance). Instances that
 * do not get the lock skip that run; the next run elsewhere catches up. The lock key is derived from the job's name.
 */
@ApplicationScoped
public class ClusterLock {

    private final AgroalDataSource dataSource;

    public ClusterLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code job} if no other instance (or thread) is running a job of this name.
     *
     * @return whether the job ran here
     */
    public boolean runAlone(String name, Runnable job) {
        try (Connection holder = dataSource.getConnection()) {
            if (!lock(holder, "pg_try_advisory_lock", name)) {
                return false;
            }
            try {
                job.run();
                return true;
            } finally {
                lock(holder, "pg_advisory_unlock", name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the cluster lock " + name, e);
        }
    }

    private static boolean lock(Connection connection, String function, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select " + function + "(hashtextextended(?, 0))")) {
            statement.setString(1, "kepu-job:" + name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
