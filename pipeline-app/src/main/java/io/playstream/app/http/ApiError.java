package io.playstream.app.http;

/**
 * A request the API refuses, with the status and a reason safe to show (never an exception's
 * internals).
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String reason) {
        return new ApiError(400, reason);
    }

    int status() {
        return status;
    }
}
