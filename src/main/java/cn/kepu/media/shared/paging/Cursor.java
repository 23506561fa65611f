package cn.kepu.media.shared.paging;

import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Position in a list ordered newest first by (timestamp, id). Opaque to clients: base64url of
 * {@code epochMicros:uuid}, so the ordering key can change without breaking the API shape.
 */
public record Cursor(Instant at, UUID id) {

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ApiException VALIDATION naming {@code after} when the text is not a cursor of ours */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int colon = plain.indexOf(':');
            long micros = Long.parseLong(plain.substring(0, colon));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new Cursor(at, UUID.fromString(plain.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw ApiException.validation("after", Msg.of("shared.validation.cursor"));
        }
    }
}
