package io.playstream.app.faults;

import io.playstream.objectstore.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * S3Proxy in a JVM of its own ({@code io.playstream.objectstore.S3ProxyProcess} on pipeline-core's
 * test class path, which the build writes to {@code pipeline-core/target/test-classpath.txt}): its
 * Jetty 12 cannot share this module's test class path with Javalin's Jetty 11. Buckets are folders
 * under {@code dataDir}; a restart after {@link #kill()} serves the same port and objects.
 */
final class S3ProxyChild implements AutoCloseable {

    private static final Path CORE = Path.of("..", "pipeline-core", "target").toAbsolutePath().normalize();
    private static final Pattern READY = Pattern.compile("S3Proxy on http://127\\.0\\.0\\.1:(\\d+)");

    final String bucket;
    private final ChildJvm jvm;
    private final int port;

    S3ProxyChild(Path dataDir, String bucket, Path logs) {
        this.bucket = bucket;
        this.port = RestartablePorts.next();
        this.jvm = ChildJvm.mainClass("s3proxy", List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), classPath(),
                "io.playstream.objectstore.S3ProxyProcess", List.of(dataDir.toString(), Integer.toString(port), bucket), logs);
        start();
    }

    private static String classPath() {
        Path file = CORE.resolve("test-classpath.txt");
        try {
            return String.join(java.io.File.pathSeparator, CORE.resolve("test-classes").toString(), CORE.resolve("classes").toString(),
                    Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is missing: build pipeline-core first (mvn -pl pipeline-app -am ...)", e);
        }
    }

    /** Starts (or restarts) the server; waits until it answers on its port. */
    void start() {
        jvm.start(READY, Duration.ofMinutes(1));
    }

    /** SIGKILL: every connection refused until {@link #start()}. */
    void kill() {
        jvm.kill();
    }

    int port() {
        return port;
    }

    /** The app's {@code store} setting. */
    String storeUri() {
        return "s3://" + bucket + "?endpoint=http://127.0.0.1:" + port;
    }

    /** The credentials the app reads from its environment. */
    Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
    }

    @Override
    public void close() {
        jvm.close();
    }
}
