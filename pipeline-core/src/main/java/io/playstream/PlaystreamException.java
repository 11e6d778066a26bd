package io.playstream;

/**
 * The one unchecked exception of Playstream. Its {@link Kind} says whether trying the same work
 * again can succeed: schedulers retry {@link Kind#TRANSIENT} failures with backoff and fail
 * {@link Kind#PERMANENT} and {@link Kind#UNKNOWN} ones at once. {@link Failures} sorts every other
 * failure into the same kinds.
 */
public class PlaystreamException extends RuntimeException {

    /** Whether a failure can go away by itself. */
    public enum Kind {
        /** A passing fault: a broker, store or database that is down, a lost connection, a lock held. */
        TRANSIENT,
        /** Retrying cannot help: bad configuration, bad input, a failing data test. */
        PERMANENT,
        /** Not known to pass: not retried (fail closed), and said so. */
        UNKNOWN
    }

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    public PlaystreamException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PlaystreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static PlaystreamException permanent(String message) {
        return new PlaystreamException(Kind.PERMANENT, message);
    }

    public static PlaystreamException permanent(String message, Throwable cause) {
        return new PlaystreamException(Kind.PERMANENT, message, cause);
    }

    public static PlaystreamException retriable(String message, Throwable cause) {
        return new PlaystreamException(Kind.TRANSIENT, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether trying again may succeed: only a transient failure. */
    public boolean isRetriable() {
        return kind == Kind.TRANSIENT;
    }
}
