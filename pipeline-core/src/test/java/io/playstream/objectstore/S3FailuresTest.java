package io.playstream.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;
import io.minio.messages.ErrorResponse;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How S3 answers are sorted; the outage and credential tests show the same against a real server. */
class S3FailuresTest {

    @ParameterizedTest(name = "{0} with HTTP {1} is retriable: {2}")
    @CsvSource({
        "SlowDown, 503, true",
        "InternalError, 500, true",
        "ServiceUnavailable, 503, true",
        "RequestTimeout, 400, true",
        "SomethingNew, 502, true",
        "AccessDenied, 403, false",
        "InvalidAccessKeyId, 403, false",
        "SignatureDoesNotMatch, 403, false",
        "NoSuchBucket, 404, false",
        "NoSuchKey, 404, false",
        "InvalidArgument, 400, false"})
    void s3ErrorCodesAreSortedIntoRetriableAndPermanent(String code, int status, boolean retriable) {
        assertThat(S3Failures.isRetriable(errorResponse(code, status))).isEqualTo(retriable);
    }

    @Test
    void connectionFailuresAndTimeoutsAreRetriable() {
        assertThat(S3Failures.isRetriable(new IllegalStateException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(S3Failures.isRetriable(new IllegalStateException(new SocketTimeoutException("timeout")))).isTrue();
        assertThat(S3Failures.isRetriable(new ServerException("bad gateway", 502, null))).isTrue();
    }

    @Test
    void aGarbledAnswerOrAnUnknownStateIsPermanent() {
        assertThat(S3Failures.isRetriable(new XmlParserException(new IllegalArgumentException("not xml")))).isFalse();
        assertThat(S3Failures.isRetriable(new IllegalStateException("something else"))).isFalse();
    }

    @Test
    void onlyAMissingKeyIsAMissingObject() {
        assertThat(S3Failures.isMissingObject(errorResponse("NoSuchKey", 404))).isTrue();
        assertThat(S3Failures.isMissingObject(errorResponse("NoSuchBucket", 404))).isFalse();
    }

    @Test
    void theMessageNamesTheActionThePlaceAndTheCode() {
        assertThat(S3Failures.toPlaystreamException("put k", "s3://b/ at http://h:1", errorResponse("SlowDown", 503)))
                .hasMessageStartingWith("cannot put k in s3://b/ at http://h:1: SlowDown")
                .satisfies(e -> assertThat(e.isRetriable()).isTrue());
    }

    private static ErrorResponseException errorResponse(String code, int status) {
        Response response = new Response.Builder().request(new Request.Builder().url("http://h:1/b/k").build())
                .protocol(Protocol.HTTP_1_1).code(status).message("status " + status).build();
        return new ErrorResponseException(new ErrorResponse(code, "message of " + code, "b", "k", "/b/k", "req", "host"),
                response, null);
    }
}
