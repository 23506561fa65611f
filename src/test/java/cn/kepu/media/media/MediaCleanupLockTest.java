package cn.kepu.media.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * The media cleanup runs on one instance at a time (issue 8 item 13): while another instance holds the job's
 * advisory lock (here: another database session), a run is skipped; once it is released, the run happens.
 */
@QuarkusTest
class MediaCleanupLockTest {

    @Inject
    MediaCleanup cleanup;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRunIsSkippedWhileAnotherInstanceHoldsTheLock() throws Exception {
        try (Connection otherInstance = dataSource.getConnection()) {
            lock(otherInstance, "pg_advisory_lock");
            try {
                assertThat(cleanup.runOnOneInstance()).as("another instance is cleaning up").isFalse();
            } finally {
                lock(otherInstance, "pg_advisory_unlock");
            }
        }
        assertThat(cleanup.runOnOneInstance()).isTrue();
    }

    private static void lock(Connection connection, String function) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(
                "select " + function + "(hashtextextended('kepu-job:media-cleanup', 0))")) {
            statement.execute();
        }
    }
}
