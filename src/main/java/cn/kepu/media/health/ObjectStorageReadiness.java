package cn.kepu.media.health;

import cn.kepu.media.shared.health.BoundedProbe;
import cn.kepu.media.storage.ObjectStorage;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP while the bucket answers; with a probe client whose time-outs are short, so a hung store reports DOWN in time. It
 * runs on a thread of its own beside the other checks, within the probe's deadline ({@link BoundedProbe}).
 */
@Readiness
public class ObjectStorageReadiness implements AsyncHealthCheck {

    /** How long a probe waits for the store, client side (connect, and each read or write). */
    static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(2);

    private final MinioClient client;
    private final ObjectStorage storage;

    public ObjectStorageReadiness(ObjectStorage storage) {
        this.client = storage.probeClient(TIMEOUT);
        this.storage = storage;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return BoundedProbe.of("object-storage", this::check);
    }

    HealthCheckResponse check() {
        var response = HealthCheckResponse.named("object-storage");
        try {
            boolean exists = client.bucketExists(BucketExistsArgs.builder().bucket(storage.bucket()).build());
            return response.status(exists).withData("bucket", storage.bucket()).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
