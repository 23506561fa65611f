package cn.kepu.media.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned URLs by AWS Signature Version 4 in the query string, path-style ({@code <endpoint>/<bucket>/<key>}), the
 * form minio-java signs for an endpoint that is not a public cloud's (MinIO, the local stack's S3 server). Made without
 * minio-java because that derives the day's signing key (four HMACs) and builds a whole HTTP request for each URL;
 * here the key is derived once a day and a URL costs one SHA-256 and one HMAC, so a {@code startUpload} of 16 parts
 * (issue 13 item 3: what a client waits for) signs its URLs in well under a millisecond.
 *
 * <p>Thread-safe; no network. See
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html">the S3 documentation</a>.
 */
public final class UrlSigner {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    /** Longest validity S3 accepts for a presigned URL. */
    private static final long MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

    private final String base;
    private final String host;
    private final String bucket;
    private final String region;
    private final String accessKey;
    private final byte[] secret;
    private final Clock clock;
    private volatile DayKey dayKey;

    private record DayKey(String day, byte[] key) {
    }

    /**
     * @param endpoint the endpoint the URLs' users reach, e.g. {@code https://media.example.org} or
     *        {@code http://127.0.0.1:9000} (its path, if any, is ignored)
     */
    public UrlSigner(String endpoint, String bucket, String region, String accessKey, String secretKey, Clock clock) {
        URI uri = URI.create(endpoint);
        boolean defaultPort = uri.getPort() == -1 || (uri.getPort() == 80 && "http".equalsIgnoreCase(uri.getScheme()))
                || (uri.getPort() == 443 && "https".equalsIgnoreCase(uri.getScheme()));
        this.host = uri.getHost() + (defaultPort ? "" : ":" + uri.getPort());
        this.base = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + host;
        this.bucket = bucket;
        this.region = region;
        this.accessKey = accessKey;
        this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Whether minio-java would sign for this endpoint path-style, as this signer does (not a public cloud's host). */
    public static boolean signsPathStyle(String endpoint) {
        String host = URI.create(endpoint).getHost();
        return host != null && !host.endsWith(".amazonaws.com") && !host.endsWith(".amazonaws.com.cn")
                && !host.endsWith(".aliyuncs.com");
    }

    /** A URL for {@code method} on the object {@code key}, with extra query parameters, valid for {@code ttl}. */
    public String presign(String method, String key, Duration ttl, Map<String, String> params) {
        long expiry = ttl.toSeconds();
        if (expiry < 1 || expiry > MAX_EXPIRY_SECONDS) {
            throw new IllegalArgumentException("a presigned URL is valid for 1 s to 7 days, not " + ttl);
        }
        Instant now = clock.instant();
        String day = DAY.format(now);
        String scope = day + "/" + region + "/s3/aws4_request";
        TreeMap<String, String> query = new TreeMap<>();
        params.forEach((name, value) -> query.put(encode(name, false), encode(value, false)));
        query.put("X-Amz-Algorithm", ALGORITHM);
        query.put("X-Amz-Credential", encode(accessKey + "/" + scope, false));
        query.put("X-Amz-Date", STAMP.format(now));
        query.put("X-Amz-Expires", Long.toString(expiry));
        query.put("X-Amz-SignedHeaders", "host");
        StringBuilder canonicalQuery = new StringBuilder(512);
        query.forEach((name, value) -> {
            if (!canonicalQuery.isEmpty()) {
                canonicalQuery.append('&');
            }
            canonicalQuery.append(name).append('=').append(value);
        });
        String path = "/" + encode(bucket, false) + "/" + encode(key, true);
        String canonicalRequest = method + "\n" + path + "\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\n"
                + "UNSIGNED-PAYLOAD";
        String stringToSign = ALGORITHM + "\n" + query.get("X-Amz-Date") + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest));
        String signature = HEX.formatHex(hmac(signingKey(day), stringToSign));
        return base + path + "?" + canonicalQuery + "&X-Amz-Signature=" + signature;
    }

    /** The day's signing key, derived once per day. */
    private byte[] signingKey(String day) {
        DayKey current = dayKey;
        if (current == null || !current.day().equals(day)) {
            byte[] key = hmac(hmac(hmac(hmac(secret, day), region), "s3"), "aws4_request");
            current = new DayKey(day, key);
            dayKey = current;
        }
        return current.key();
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes, as SigV4 wants it (unreserved characters kept; '/' on request). */
    static String encode(String value, boolean keepSlash) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
