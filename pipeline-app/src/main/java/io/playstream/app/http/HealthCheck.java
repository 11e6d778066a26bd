package io.playstream.app.http;

/** One component's liveness for {@code GET /health}: the job server, later the broker and the sink. */
@FunctionalInterface
public interface HealthCheck {

    boolean isUp();
}
