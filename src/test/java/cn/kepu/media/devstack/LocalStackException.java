package cn.kepu.media.devstack;

/** The local stack could not be started, reached or stopped; the message says why and shows the relevant log. */
public final class LocalStackException extends RuntimeException {

    LocalStackException(String message) {
        super(message);
    }

    LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
