package io.playstream.objectstore;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.playstream.PlaystreamException;
import java.io.IOException;
import java.util.Set;

/**
 * The one place that sorts S3 failures into retriable and permanent: a server that is down, slow
 * or overloaded may come back; bad credentials, a missing bucket or a refused request will not.
 */
final class S3Failures {

    /** S3 error codes that mean "try again later" whatever the HTTP status says. */
    private static final Set<String> RETRIABLE_CODES = Set.of("SlowDown", "InternalError", "ServiceUnavailable",
            "RequestTimeout", "RequestTimeTooSkewed", "OperationAborted", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "XMinioServerNotInitialized");

    /** Error codes of a missing object (HEAD responses carry no body, MinIO names them NoSuchKey). */
    private static final Set<String> MISSING_OBJECT_CODES = Set.of("NoSuchKey", "NoSuchObject");

    private S3Failures() {
    }

    /** True when the failure says that the object does not exist (and the bucket does). */
    static boolean isMissingObject(Exception e) {
        return e instanceof ErrorResponseException response
                && MISSING_OBJECT_CODES.contains(response.errorResponse().code());
    }

    /**
     * The failure as a {@link PlaystreamException} saying what was tried where. The client throws
     * its checked {@link MinioException} for answers from the server, and an
     * {@link IllegalStateException} wrapping the cause for anything else (connection refused).
     */
    static PlaystreamException toPlaystreamException(String action, String where, Exception e) {
        String message = "cannot " + action + " in " + where + ": " + summary(e);
        return isRetriable(e) ? PlaystreamException.retriable(message, e) : PlaystreamException.permanent(message, e);
    }

    static boolean isRetriable(Exception e) {
        if (e instanceof ErrorResponseException response) {
            int status = response.response() == null ? 0 : response.response().code();
            return status >= 500 || status == 429 || RETRIABLE_CODES.contains(response.errorResponse().code());
        }
        if (e instanceof ServerException server) {
            return server.statusCode() >= 500 || server.statusCode() == 429;
        }
        // a non-S3 answer (a proxy's error page) or a body cut short: the path to the server is unwell
        if (e instanceof InvalidResponseException || e instanceof InsufficientDataException) {
            return true;
        }
        // connection refused or reset, timeouts, unknown host while DNS is down
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String summary(Exception e) {
        if (e instanceof ErrorResponseException response) {
            return response.errorResponse().code() + " (" + response.errorResponse().message() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e) : e.getClass().getSimpleName() + ": " + root;
    }
}
