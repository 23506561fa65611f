package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Signed, expiring URLs of renditions, served by {@code RenditionResource}: {@code /media/r/<blindKey>.<ext>?e=…&s=…}.
 * The blind key is random per rendition, {@code e} the expiry in epoch seconds and {@code s} an HMAC-SHA256 of both.
 *
 * <p>The expiry is rounded up to the end of the next time bucket, so every URL for a rendition issued within one
 * bucket is the same string (browsers and proxies cache it) and lives between one and two buckets. Whoever hands a URL
 * out has already checked that the caller may see the content; the URL itself is the permission, as presigned S3 URLs
 * are, which is what lets an {@code <img>} tag use it without a token.
 */
@ApplicationScoped
public class RenditionUrls {

    private static final Logger LOG = Logger.getLogger(RenditionUrls.class);
    static final String PATH = "/media/r/";

    /** A URL and when it stops working. */
    public record Signed(String url, Instant expiresAt) {
    }

    private final Clock clock;
    private final long bucketSeconds;
    private final SecretKeySpec key;
    private final String base;

    public RenditionUrls(Clock clock, MediaConfig config) {
        this.clock = clock;
        this.bucketSeconds = Math.max(1, config.urls().bucket().toSeconds());
        byte[] secret = config.urls().secret().filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
                    LOG.warn("kepu.media.urls.secret is not set: rendition URLs are signed with a random key of this"
                            + " instance and fail on others; set KEPU_MEDIA_URLS_SECRET on every instance");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.base = config.urls().base().map(b -> b.replaceAll("/+$", "")).orElse("");
    }

    /** The URL of a rendition by its blind key and file extension, valid until the end of the next bucket. */
    public Signed sign(String blindKey, String extension) {
        long now = clock.instant().getEpochSecond();
        long expires = (now / bucketSeconds + 2) * bucketSeconds;
        String name = blindKey + "." + extension;
        return new Signed(base + PATH + name + "?e=" + expires + "&s=" + signature(name, expires),
                Instant.ofEpochSecond(expires));
    }

    /** The expiry common to every URL signed now (for API fields that state it once). */
    public Instant currentExpiry() {
        long now = clock.instant().getEpochSecond();
        return Instant.ofEpochSecond((now / bucketSeconds + 2) * bucketSeconds);
    }

    /** The blind key when the name, expiry and signature are genuine and not expired; empty otherwise. */
    public Optional<String> verify(String name, long expires, String signature) {
        if (signature == null || expires < clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        byte[] expected = signature(name, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? Optional.empty() : Optional.of(name.substring(0, dot));
    }

    /** Seconds from now until {@code expires}, for Cache-Control. */
    public long secondsUntil(long expires) {
        return Math.max(0, expires - clock.instant().getEpochSecond());
    }

    private String signature(String name, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((name + "|" + expires).getBytes(StandardCharsets.UTF_8));
            // 128 bits are plenty for an expiring URL and keep it short.
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }
}
