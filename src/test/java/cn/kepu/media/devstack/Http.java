package cn.kepu.media.devstack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The HTTP health probes of Elasticsearch and s3proxy. HttpURLConnection rather than HttpClient: HttpClient logs
 * through System.Logger, which makes jboss-logmanager (on the test class path) warn when LocalStack runs on its own.
 */
final class Http {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private Http() {
    }

    /** The status of {@code GET uri}, or empty if nothing answers. */
    static OptionalInt status(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            try {
                return OptionalInt.of(connection.getResponseCode());
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
