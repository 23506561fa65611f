package cn.kepu.media.storage;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
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
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
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
                .build();
    }

    public String bucket() {
        return config.bucket();
    }

    void ensureBucket(@Observes StartupEvent start, MinioClient client) throws Exception {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).region(config.region()).build());
            LOG.infof("Created bucket %s", config.bucket());
        }
    }
}
