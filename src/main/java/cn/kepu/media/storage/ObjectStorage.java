package cn.kepu.media.storage;

import cn.kepu.media.shared.faults.StoreGuards;
import cn.kepu.media.shared.startup.StartupTasks;
import io.minio.BucketExistsArgs;
import io.minio.Http;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.jboss.logging.Logger;

/**
 * Produces the minio-java clients and makes sure the bucket exists before the service takes traffic.
 *
 * <p>Every client shares one OkHttp client ({@link #http()}): one connection pool, one dispatcher, and one trust set.
 * minio-java's own default client ({@code Http.newDefaultClient}) parses every certificate under
 * {@code SSL_CERT_FILE}/{@code SSL_CERT_DIR} each time a client is built (measured 26–42 s per client on a loaded
 * 2-core machine, four clients); here that happens at most once, and only when an endpoint speaks TLS. Each client
 * keeps its own time-outs through {@link OkHttpClient#newBuilder()}, which shares the pool and the TLS set-up.
 */
@ApplicationScoped
public class ObjectStorage {

    /** Names the start-up task that ensures the bucket: tasks that need the bucket start after it. */
    public static final String BUCKET_TASK = "object-storage bucket";

    private static final Logger LOG = Logger.getLogger(ObjectStorage.class);

    private final StorageConfig config;
    private volatile OkHttpClient http;

    public ObjectStorage(StorageConfig config) {
        this.config = config;
    }

    /**
     * The one HTTP client, made on first need (the start-up bucket check, on its start-up task's thread). minio-java's defaults
     * (HTTP/1.1, its retry of 5xx answers) either way; its trust of the environment's certificates only when the
     * service or its clients reach the store over TLS, the one case where they can matter.
     */
    OkHttpClient http() {
        OkHttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    long begin = System.nanoTime();
                    // Plain HTTP only: OkHttp then sets up no TLS at all (by default every client loads the JDK's
                    // trust store and its certificates when built, even one that never speaks TLS).
                    client = tls(config.endpoint()) || config.publicEndpoint().filter(ObjectStorage::tls).isPresent()
                            ? Http.newDefaultClient()
                            : new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1))
                                    .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                                    .addInterceptor(new Http.StatusRetryInterceptor()).build();
                    http = client;
                    LOG.debugf("Object storage HTTP client made in %d ms", (System.nanoTime() - begin) / 1_000_000);
                }
            }
        }
        return client;
    }

    private static boolean tls(String endpoint) {
        return endpoint.regionMatches(true, 0, "https:", 0, 6);
    }

    /** The shared client with its own time-outs (same pool, dispatcher and TLS set-up). */
    private OkHttpClient http(Duration connect, Duration write, Duration read) {
        return http().newBuilder().connectTimeout(connect).writeTimeout(write).readTimeout(read).build();
    }

    /** Talks to the store from inside the deployment. */
    @Produces
    @Singleton
    MinioClient internalClient() {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http(config.connectTimeout(), config.writeTimeout(), config.readTimeout()), false)
                .build();
    }

    /**
     * The asynchronous client (minio-java 9 offers multipart initiation, part listing and completion only there), with
     * the same client-side time-outs.
     */
    @Produces
    @Singleton
    MinioAsyncClient internalAsyncClient() {
        return MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http(config.connectTimeout(), config.writeTimeout(), config.readTimeout()), false)
                .build();
    }

    /** A client for readiness probes: a probe must answer within its own time-out even when the store hangs. */
    public MinioClient probeClient(Duration timeout) {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http(timeout, timeout, timeout), false)
                .build();
    }

    /**
     * Signs URLs for clients outside the deployment. Presigned signatures cover the host, so they must be made
     * against the public endpoint; signing needs no network call when the region is set.
     */
    @Produces
    @Singleton
    @Presigning
    MinioClient presigningClient() {
        return MinioClient.builder()
                .endpoint(config.publicEndpoint().orElse(config.endpoint()))
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http(), false)
                .build();
    }

    /**
     * Signs URLs for clients outside the deployment without minio-java's cost per URL ({@link UrlSigner}), against the
     * same public endpoint as {@link #presigningClient()}; empty where minio-java would not sign path-style (a public
     * cloud's host), which then signs.
     */
    public Optional<UrlSigner> urlSigner() {
        String endpoint = config.publicEndpoint().orElse(config.endpoint());
        if (!UrlSigner.signsPathStyle(endpoint)) {
            return Optional.empty();
        }
        // The machine's clock, as minio-java signs: the store checks a URL's time against its own clock, not against
        // the application's (which tests move).
        return Optional.of(new UrlSigner(endpoint, config.bucket(), config.region(), config.accessKey(),
                config.secretKey(), java.time.Clock.systemUTC()));
    }

    /** The clients are built with {@code closeHttpClient=false}: the shared client is released here, once. */
    @PreDestroy
    void release() {
        OkHttpClient client = http;
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    public String bucket() {
        return config.bucket();
    }

    /**
     * At start, beside the rest of the start ({@link StartupTasks}: readiness waits for it), under the store policy
     * ({@link StoreGuards#OBJECT_STORAGE}): a store still starting gets retried; a store that never answers stops the
     * instance, as the start used to fail.
     */
    void ensureBucket(@Observes StartupEvent start, Provider<MinioClient> clients,
            @Identifier(StoreGuards.OBJECT_STORAGE) Provider<Guard> guards, StartupTasks tasks) {
        // The client and the guard are made inside the task, not here on the main thread: building the client (its
        // HTTP client, minio-java's classes) was a tenth of the main thread's start-up work after Flyway
        // (deploy/bench/profiles/startup.md), and Quarkus opens its ports only after this observer returned.
        tasks.start(BUCKET_TASK, () -> {
            MinioClient client = clients.get();
            Guard guard = guards.get();
            boolean exists = guard.call(
                    () -> client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()),
                    Boolean.class);
            if (!exists) {
                guard.call(() -> {
                    client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).region(config.region())
                            .build());
                    return Boolean.TRUE;
                }, Boolean.class);
                LOG.infof("Created bucket %s", config.bucket());
            }
        });
    }
}
