package cn.kepu.media.devstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * What the stack does inside PostgreSQL, over JDBC: the health probe, and the app's role and databases. Kept apart from
 * {@link PostgresStore} so that stopping the stack never needs the JDBC driver on the class path.
 */
final class PostgresAdmin {

    static final String SUPERUSER = "postgres";
    static final String SUPERUSER_PASSWORD = "postgres";
    static final String APP_USER = "kepu";
    static final String APP_PASSWORD = "kepu";

    private PostgresAdmin() {
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    static boolean canConnect(int port) {
        try (Connection connection = connectAsSuperuser(port)) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the app's role and, owned by it, {@code databases}; leaves what exists alone. */
    static void provision(int port, List<String> databases) {
        try (Connection connection = connectAsSuperuser(port); Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_USER)) {
                statement.execute("CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            }
            for (String database : databases) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    statement.execute("CREATE DATABASE " + database + " OWNER " + APP_USER);
                }
            }
        } catch (SQLException e) {
            throw new LocalStackException("Cannot create the role " + APP_USER + " and databases " + databases + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Through the driver itself: under Quarkus' test class loaders, DriverManager may not see it. */
    private static Connection connectAsSuperuser(int port) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", SUPERUSER_PASSWORD);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("ApplicationName", "kepu-local-stack");
        Connection connection = new Driver().connect(jdbcUrl(port, "postgres"), properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver refused " + jdbcUrl(port, "postgres"));
        }
        return connection;
    }
}
