package cn.kepu.media.shared.error;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a store being unreachable, hung or refusing work in whatever a resolver threw, so the client gets a
 * typed, retryable error ({@link ErrorCode#DATABASE_UNAVAILABLE}, {@link ErrorCode#STORAGE_UNAVAILABLE},
 * {@link ErrorCode#SEARCH_UNAVAILABLE}) with {@code extensions.retryAfterSeconds} instead of {@code INTERNAL}.
 *
 * <p>Classification looks at the whole cause chain: connection-level SQL failures (SQL state class 08, server
 * shutting down, the pool's acquisition time-out, a statement time-out), and network failures (refused, reset,
 * timed out) raised inside the S3 client (minio-java, okhttp) or the Elasticsearch client. Anything else stays
 * unclassified, so a bug is never disguised as an outage.
 */
public final class StoreFailures {

    /** What a client should do: wait about this long before retrying (seconds), per code. */
    private static final int DATABASE_RETRY_SECONDS = 5;
    private static final int STORAGE_RETRY_SECONDS = 10;
    private static final int SEARCH_RETRY_SECONDS = 5;

    private StoreFailures() {
    }

    /** A classified outage: the code and the translated message for it. */
    public record Unavailable(ErrorCode code, Msg msg) {
        public String message(Locale locale) {
            return msg.in(locale);
        }
    }

    /** The retry hint carried in {@code extensions.retryAfterSeconds} for the store codes. */
    public static Optional<Integer> retryAfterSeconds(ErrorCode code) {
        return switch (code) {
            case DATABASE_UNAVAILABLE -> Optional.of(DATABASE_RETRY_SECONDS);
            case STORAGE_UNAVAILABLE -> Optional.of(STORAGE_RETRY_SECONDS);
            case SEARCH_UNAVAILABLE -> Optional.of(SEARCH_RETRY_SECONDS);
            default -> Optional.empty();
        };
    }

    /**
     * The typed outage of a store, for a failure already known to be one (the fault-tolerance guard gave up: timed
     * out, breaker open). Keeps the failure as its cause, for the log.
     */
    public static ApiException unavailable(ErrorCode code, Throwable cause) {
        return new StoreUnavailable(code, cause);
    }

    /** An outage already classified where it happened (see {@link #unavailable(ErrorCode, Throwable)}). */
    static final class StoreUnavailable extends ApiException {
        StoreUnavailable(ErrorCode code, Throwable cause) {
            super(code, null, Msg.of("shared.unavailable." + code.name(), retryAfterSeconds(code).orElse(5)), cause);
        }
    }

    public static Optional<Unavailable> classify(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        boolean network = false;
        boolean storage = false;
        boolean search = false;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof StoreUnavailable known) {
                return Optional.of(unavailable(known.code()));
            }
            if (databaseUnavailable(t)) {
                return Optional.of(unavailable(ErrorCode.DATABASE_UNAVAILABLE));
            }
            String name = t.getClass().getName();
            if (name.equals("io.minio.errors.ServerException")) {
                return Optional.of(unavailable(ErrorCode.STORAGE_UNAVAILABLE));
            }
            network |= t instanceof ConnectException || t instanceof InterruptedIOException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketException
                    || name.equals("org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException")
                    || name.equals("org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException");
            storage |= name.startsWith("io.minio.") || name.startsWith("okhttp3.") || from(t, "io.minio.", "okhttp3.");
            search |= name.startsWith("org.elasticsearch.") || from(t, "org.elasticsearch.client.");
        }
        if (network && storage) {
            return Optional.of(unavailable(ErrorCode.STORAGE_UNAVAILABLE));
        }
        if (network && search) {
            return Optional.of(unavailable(ErrorCode.SEARCH_UNAVAILABLE));
        }
        return Optional.empty();
    }

    private static Unavailable unavailable(ErrorCode code) {
        return new Unavailable(code, Msg.of("shared.unavailable." + code.name(), retryAfterSeconds(code).orElse(5)));
    }

    private static boolean databaseUnavailable(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String name = t.getClass().getName();
        if (name.equals("org.hibernate.exception.JDBCConnectionException")) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
            return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03") || state.equals("57014") || state.equals("53300"))
                    // Agroal: no connection became free (or could be opened) within the acquisition time-out.
                    || message.contains("acquisition timeout");
        }
        return false;
    }

    /** Whether the throwable was raised from code in one of the packages (its top frames). */
    private static boolean from(Throwable t, String... packages) {
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 12); i++) {
            for (String p : packages) {
                if (frames[i].getClassName().startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
