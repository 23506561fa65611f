package cn.kepu.media.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MinioClient;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The signer makes the very URLs minio-java makes (same signature for the same second), without the network and
 * without minio-java's cost per URL; S3 itself checks them in MediaUploadTest (part and single PUTs, GETs).
 */
class UrlSignerTest {

    private static final String ENDPOINT = "http://127.0.0.1:9000";
    private static final String BUCKET = "kepu-media";
    private static final String REGION = "us-east-1";
    private static final String ACCESS = "kepu-local";
    private static final String SECRET = "kepu-local-secret";

    private final MinioClient minio = MinioClient.builder().endpoint(ENDPOINT).region(REGION)
            .credentials(ACCESS, SECRET).httpClient(new okhttp3.OkHttpClient(), true).build();

    @Test
    void aPartUrlIsTheOneMinioJavaSigns() throws Exception {
        assertSameAsMinio(Http.Method.PUT, "PUT", "originals/7b0c/3f1e", Duration.ofHours(1),
                Map.of("uploadId", "MjA2NS0xMi0wMyBhYmM=.x+y/z", "partNumber", "7"));
    }

    @Test
    void aDownloadUrlWithAnyDispositionIsTheOneMinioJavaSigns() throws Exception {
        assertSameAsMinio(Http.Method.GET, "GET", "renditions/ab/c d~é.jpg", Duration.ofMinutes(5),
                Map.of("response-content-type", "image/jpeg", "response-content-disposition",
                        "attachment; filename=\"深海 探测 (1).jpg\"; filename*=UTF-8''%E6%B7%B1"));
    }

    @Test
    void aSingleUploadUrlIsTheOneMinioJavaSigns() throws Exception {
        assertSameAsMinio(Http.Method.PUT, "PUT", "originals/w/s", Duration.ofDays(7), Map.of());
    }

    @Test
    void publicCloudHostsAreLeftToMinioJava() {
        assertThat(UrlSigner.signsPathStyle("https://s3.amazonaws.com")).isFalse();
        assertThat(UrlSigner.signsPathStyle("https://s3.cn-north-1.amazonaws.com.cn")).isFalse();
        assertThat(UrlSigner.signsPathStyle("https://oss-cn-beijing.aliyuncs.com")).isFalse();
        assertThat(UrlSigner.signsPathStyle("https://media.kepu.example.cn")).isTrue();
        assertThat(UrlSigner.signsPathStyle("http://minio:9000")).isTrue();
    }

    /** minio-java signs with the wall clock: both sign within one second, or the pair is made again. */
    private void assertSameAsMinio(Http.Method method, String name, String key, Duration ttl,
            Map<String, String> params) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant second = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            UrlSigner signer = new UrlSigner(ENDPOINT, BUCKET, REGION, ACCESS, SECRET,
                    Clock.fixed(second, ZoneOffset.UTC));
            String theirs = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method)
                    .bucket(BUCKET).object(key).expiry(Math.toIntExact(ttl.toSeconds()), TimeUnit.SECONDS)
                    .extraQueryParams(params).build());
            String ours = signer.presign(name, key, ttl, params);
            if (!Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).equals(second)) {
                continue;
            }
            URI a = URI.create(theirs);
            URI b = URI.create(ours);
            assertThat(b.getScheme() + b.getRawAuthority() + b.getRawPath())
                    .isEqualTo(a.getScheme() + a.getRawAuthority() + a.getRawPath());
            assertThat(query(b)).isEqualTo(query(a));
            return;
        }
        throw new AssertionError("could not sign twice within one second");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return params;
    }
}
