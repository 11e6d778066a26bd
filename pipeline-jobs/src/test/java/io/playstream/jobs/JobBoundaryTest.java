package io.playstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.playstream.PlaystreamException;
import io.playstream.warehouse.Warehouses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jobrunr.JobRunrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What JobRunr is told of real failures: transient ones pass through to be retried, the rest fail the job at once. */
class JobBoundaryTest {

    @TempDir
    Path dir;

    @Test
    void aWarehouseThatRefusesConnectionsPassesThroughToBeRetried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String uri = "jdbc:postgresql://127.0.0.1:" + closed + "/none?user=postgres";

        Throwable failure = catchThrowable(() -> JobBoundary.run("load", () -> {
            Warehouses.open(uri, Map.of()).connect();
            throw new AssertionError("the work should have failed");
        }));

        assertThat(failure).isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable()).isTrue());
    }

    @Test
    void aBadArgumentFailsTheJobAtOnceAsPermanent() {
        Throwable failure = catchThrowable(() -> JobBoundary.run("load", () -> {
            Warehouses.open("mysql://nope", Map.of());
            throw new AssertionError("the work should have failed");
        }));

        assertThat(failure).isInstanceOfSatisfying(JobRunrException.class,
                e -> assertThat(e.isProblematicAndDoNotRetry()).isTrue()).hasMessageContaining("load failed permanently");
    }

    @Test
    void anUnknownFailureFailsClosedAndSaysItWasNotRetried() {
        Throwable failure = catchThrowable(() -> JobBoundary.run("transform", () -> {
            try {
                Files.readString(dir); // a folder: an IOException nobody sorted
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AssertionError("the work should have failed");
        }));

        assertThat(failure).isInstanceOfSatisfying(JobRunrException.class,
                e -> assertThat(e.isProblematicAndDoNotRetry()).isTrue())
                .hasMessageContaining("transform failed").hasMessageContaining("not retried");
    }
}
