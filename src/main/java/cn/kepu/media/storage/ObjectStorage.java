package cn.kepu.media.storage;

import cn.kepu.media.shared.faults.StoreGuards;
import io.minio.BucketExistsArgs;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Produces the minio-java clients and makes sure the bucket exists before the service takes traffic. */
@ApplicationScoped
public class ObjectStorage {

    private static final Logger LOG = Logger.getLogger(ObjectStorage.class);

    private final StorageConfig config;

    public ObjectStorage(StorageConfig config) {
        this.config = config;
    }

    /** Talks to the store from inside the deployment. */
    @Produces
    @Singleton
    MinioClient internalClient() {
        MinioClient client = MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .build();
        client.setTimeout(config.connectTimeout().toMillis(), config.writeTimeout().toMillis(),
                config.readTimeout().toMillis());
        return client;
    }

    /**
     * The asynchronous client (minio-java 9 offers multipart initiation, part listing and completion only there), with
     * the same client-side time-outs.
     */
    @Produces
    @Singleton
    MinioAsyncClient internalAsyncClient() {
        MinioAsyncClient client = MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .build();
        client.setTimeout(config.connectTimeout().toMillis(), config.writeTimeout().toMillis(),
                config.readTimeout().toMillis());
        return client;
    }

    /** A client for readiness probes: a probe must answer within its own time-out even when the store hangs. */
    public MinioClient probeClient(java.time.Duration timeout) {
        MinioClient client = MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .build();
        client.setTimeout(timeout.toMillis(), timeout.toMillis(), timeout.toMillis());
        return client;
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
                .build();
    }

    public String bucket() {
        return config.bucket();
    }

    /** At start, under the store policy ({@link StoreGuards#OBJECT_STORAGE}): a store still starting gets retried. */
    void ensureBucket(@Observes StartupEvent start, MinioClient client,
            @Identifier(StoreGuards.OBJECT_STORAGE) Guard guard) throws Exception {
        boolean exists = guard.call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()),
                Boolean.class);
        if (!exists) {
            guard.call(() -> {
                client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).region(config.region()).build());
                return Boolean.TRUE;
            }, Boolean.class);
            LOG.infof("Created bucket %s", config.bucket());
        }
    }
}
