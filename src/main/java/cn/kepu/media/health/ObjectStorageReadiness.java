package cn.kepu.media.health;

import cn.kepu.media.storage.ObjectStorage;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
public class ObjectStorageReadiness implements HealthCheck {

    private final MinioClient client;
    private final ObjectStorage storage;

    public ObjectStorageReadiness(MinioClient client, ObjectStorage storage) {
        this.client = client;
        this.storage = storage;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("object-storage");
        try {
            boolean exists = client.bucketExists(BucketExistsArgs.builder().bucket(storage.bucket()).build());
            return response.status(exists).withData("bucket", storage.bucket()).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
