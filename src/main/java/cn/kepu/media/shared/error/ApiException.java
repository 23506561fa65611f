package cn.kepu.media.shared.error;

import java.util.Locale;
import java.util.Optional;

/**
 * A failure meant for the client: its message is shown as is and its {@link ErrorCode} becomes
 * {@code extensions.code}. Anything else thrown by a resolver is reported as {@link ErrorCode#INTERNAL}
 * without details.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final Msg msg;

    /** A failure whose message is translated into the caller's language (see {@link Msg}). */
    public ApiException(ErrorCode code, String field, Msg msg) {
        super(msg.in(Messages.ENGLISH), null, false, false);
        this.code = code;
        this.field = field;
        this.msg = msg;
    }

    /** As {@link #ApiException(ErrorCode, String, Msg)}, keeping what caused it (for the log, never sent). */
    protected ApiException(ErrorCode code, String field, Msg msg, Throwable cause) {
        super(msg.in(Messages.ENGLISH), cause, false, false);
        this.code = code;
        this.field = field;
        this.msg = msg;
    }

    /** The message in the caller's language. */
    public String message(Locale locale) {
        return msg == null ? getMessage() : msg.in(locale);
    }

    /** The translatable message, when this failure has one. */
    public Optional<Msg> msg() {
        return Optional.ofNullable(msg);
    }

    public ErrorCode code() {
        return code;
    }

    /** The input field at fault, as a dotted path from the operation's arguments (e.g. {@code input.title}). */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /**
     * NOT_FOUND for {@code what} (an English type name such as {@code Work}; translated when the {@code shared}
     * bundle has {@code shared.thing.<what>}) with the id the caller sent.
     */
    public static ApiException notFound(String what, Object id) {
        Object thing = Messages.has("shared.thing." + what) ? Msg.of("shared.thing." + what) : what;
        return new ApiException(ErrorCode.NOT_FOUND, "id", Msg.of("shared.notFound", thing, String.valueOf(id)));
    }

    public static ApiException forbidden(Msg message) {
        return new ApiException(ErrorCode.FORBIDDEN, null, message);
    }

    public static ApiException unauthenticated() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, null, Msg.of("shared.unauthenticated"));
    }

    /** VALIDATION of {@code field}; the message should name the field and say what a valid value looks like. */
    public static ApiException validation(String field, Msg message) {
        return new ApiException(ErrorCode.VALIDATION, field, message);
    }

    public static ApiException conflict(String field, Msg message) {
        return new ApiException(ErrorCode.CONFLICT, field, message);
    }
}
