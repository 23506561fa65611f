package cn.kepu.media.storage;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "kepu.storage")
public interface StorageConfig {

    /** S3 endpoint as the service reaches it, e.g. {@code http://minio:9000}. */
    String endpoint();

    /** Endpoint clients use for presigned URLs when it differs from {@link #endpoint()} (ingress, CDN). */
    Optional<String> publicEndpoint();

    String accessKey();

    String secretKey();

    /** Private bucket holding originals and renditions; created at start if missing. */
    String bucket();

    String region();
}
