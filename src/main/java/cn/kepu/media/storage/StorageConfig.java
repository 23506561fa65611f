package cn.kepu.media.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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

    /** Time to open a connection to the store; a down store fails fast with STORAGE_UNAVAILABLE. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest wait for the next bytes from the store (not the whole transfer). */
    @WithDefault("30s")
    Duration readTimeout();

    /** Longest wait to write the next bytes to the store. */
    @WithDefault("30s")
    Duration writeTimeout();
}
