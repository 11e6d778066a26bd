package io.playstream.app.http;

/**
 * A request the API refuses, with the status and a reason safe to show (never an exception's
 * internals).
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean passing;

    ApiError(int status, String reason) {
        this(status, reason, false);
    }

    private ApiError(int status, String reason, boolean passing) {
        super(reason, null, false, false);
        this.status = status;
        this.passing = passing;
    }

    /** A 503 for a fault that passes by itself (the warehouse restarting): the answer tells clients when to try again. */
    static ApiError passingOutage(String reason) {
        return new ApiError(503, reason, true);
    }

    static ApiError badRequest(String reason) {
        return new ApiError(400, reason);
    }

    int status() {
        return status;
    }

    /** Whether the same request may succeed later without anyone acting (a 503 with {@code Retry-After}). */
    boolean passing() {
        return passing;
    }
}
