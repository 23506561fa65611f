package cn.kepu.media.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BaseS3Client;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The minio-java clients share one HTTP client (pool, dispatcher, TLS set-up: made once, not once per client as
 * minio-java's default does) and keep their own time-outs. No store needed: building a client makes no request.
 */
class ObjectStorageClientsTest {

    private final ObjectStorage storage = new ObjectStorage(config("http://127.0.0.1:9000"));

    @Test
    void everyClientSharesOneConnectionPoolAndDispatcher() throws Exception {
        OkHttpClient internal = http(storage.internalClient());
        OkHttpClient async = http(storage.internalAsyncClient());
        OkHttpClient presigning = http(storage.presigningClient());
        OkHttpClient probe = http(storage.probeClient(Duration.ofSeconds(2)));

        for (OkHttpClient client : new OkHttpClient[] {async, presigning, probe}) {
            assertThat(client.connectionPool()).isSameAs(internal.connectionPool());
            assertThat(client.dispatcher()).isSameAs(internal.dispatcher());
        }
        assertThat(storage.http()).isSameAs(storage.http());
    }

    @Test
    void eachClientKeepsItsOwnTimeOuts() throws Exception {
        OkHttpClient internal = http(storage.internalClient());
        OkHttpClient probe = http(storage.probeClient(Duration.ofMillis(1500)));

        assertThat(internal.connectTimeoutMillis()).isEqualTo(2_000);
        assertThat(internal.readTimeoutMillis()).isEqualTo(30_000);
        assertThat(internal.writeTimeoutMillis()).isEqualTo(31_000);
        assertThat(probe.connectTimeoutMillis()).isEqualTo(1_500);
        assertThat(probe.readTimeoutMillis()).isEqualTo(1_500);
        assertThat(probe.writeTimeoutMillis()).isEqualTo(1_500);
    }

    @Test
    void keepsMinioJavasDefaultsOverPlainHttp() throws Exception {
        // Over TLS the shared client is minio-java's own default (Http.newDefaultClient), certificates and all.
        OkHttpClient internal = http(storage.internalClient());
        assertThat(internal.interceptors()).anyMatch(i -> i instanceof io.minio.Http.StatusRetryInterceptor);
        assertThat(internal.protocols()).containsExactly(okhttp3.Protocol.HTTP_1_1);
    }

    @Test
    void setsUpNoTlsForAPlainHttpStore() throws Exception {
        // Building an OkHttp client that may speak TLS loads the JDK's trust store and parses its certificates: work
        // on the start's path (issue 13 item 5) that a store reached over plain HTTP never needs.
        OkHttpClient internal = http(storage.internalClient());
        assertThat(internal.connectionSpecs()).containsExactly(okhttp3.ConnectionSpec.CLEARTEXT);
        assertThat(internal.x509TrustManager()).isNull();
    }

    private static OkHttpClient http(Object minio) throws Exception {
        BaseS3Client base = minio instanceof MinioClient client ? asyncOf(client) : (MinioAsyncClient) minio;
        Field field = BaseS3Client.class.getDeclaredField("httpClient");
        field.setAccessible(true);
        return (OkHttpClient) field.get(base);
    }

    /** MinioClient wraps a MinioAsyncClient, which holds the HTTP client. */
    private static BaseS3Client asyncOf(MinioClient client) throws Exception {
        for (Field field : MinioClient.class.getDeclaredFields()) {
            if (BaseS3Client.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                return (BaseS3Client) field.get(client);
            }
        }
        throw new IllegalStateException("no asynchronous client inside MinioClient");
    }

    private static StorageConfig config(String endpoint) {
        return new StorageConfig() {
            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public Optional<String> publicEndpoint() {
                return Optional.empty();
            }

            @Override
            public String accessKey() {
                return "access";
            }

            @Override
            public String secretKey() {
                return "secret-key";
            }

            @Override
            public String bucket() {
                return "bucket";
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration readTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration writeTimeout() {
                return Duration.ofSeconds(31);
            }
        };
    }
}
