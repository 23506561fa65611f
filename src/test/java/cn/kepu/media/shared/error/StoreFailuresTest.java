package cn.kepu.media.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Store outages as resolvers see them (wrapped by Hibernate, Agroal, minio-java, the Elasticsearch client) become
 * typed, retryable codes (issue 8 item 16); anything else stays unclassified and is reported as INTERNAL.
 */
class StoreFailuresTest {

    @Test
    void databaseConnectionFailuresAreDatabaseUnavailable() {
        var refused = new RuntimeException("could not prepare statement",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("refused")));
        var pool = new jakarta.persistence.PersistenceException(
                new SQLException("Sorry, acquisition timeout!"));
        var shutdown = new SQLException("terminating connection due to administrator command", "57P01");
        var transientFailure = new SQLTransientConnectionException("gone");

        for (Throwable failure : new Throwable[] {refused, pool, shutdown, transientFailure}) {
            assertThat(StoreFailures.classify(failure)).as(failure.toString()).get()
                    .extracting(StoreFailures.Unavailable::code).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        }
    }

    @Test
    void networkFailuresInsideTheS3ClientAreStorageUnavailable() {
        IOException timeout = new SocketTimeoutException("timeout");
        timeout.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("okhttp3.internal.connection.RealCall", "execute", "RealCall.java", 1)});
        var wrapped = new RuntimeException("stat failed", timeout);

        var unavailable = StoreFailures.classify(wrapped).orElseThrow();

        assertThat(unavailable.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(unavailable.message(Locale.ENGLISH)).contains("Retry in about 10 seconds").contains("resumed");
        assertThat(StoreFailures.retryAfterSeconds(ErrorCode.STORAGE_UNAVAILABLE)).contains(10);
    }

    @Test
    void bugsAndClientMistakesAreNotOutages() {
        assertThat(StoreFailures.classify(new NullPointerException())).isEmpty();
        assertThat(StoreFailures.classify(new SQLException("duplicate key", "23505"))).isEmpty();
        assertThat(StoreFailures.classify(new IOException("disk full"))).isEmpty();
    }
}
