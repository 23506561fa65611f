package cn.kepu.media.shared.error;

import java.util.HashSet;
import java.util.Set;
import org.jose4j.jwt.consumer.InvalidJwtException;

/** Why a bearer token was refused, as a message that says what to do: sign in again when it expired. */
public final class TokenFailures {

    private TokenFailures() {
    }

    public static Msg message(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return Msg.of("shared.token.expired");
            }
        }
        return Msg.of("shared.token.invalid");
    }
}
