package io.playstream.objectstore;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3-protocol server in this JVM: S3Proxy on 127.0.0.1, a free port, AWS v2/v4 signatures
 * with its own credentials, objects kept in memory ({@link #startInMemory()}) or in a folder
 * ({@link #startInFolder(Path)}). {@link #stop()} and {@link #restart()} keep the port and the
 * objects, so a test can cut the store off and bring it back. Tests usually reach it through
 * {@link S3ServerExtension}.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "playstream-test-access";
    public static final String SECRET_KEY = "playstream-test-secret-0123456789";

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final long STOP_TIMEOUT_MILLIS = 100;

    private final BlobStore blobStore;
    private int port;
    private S3Proxy proxy;

    private S3ProxyServer(BlobStore blobStore) {
        this.blobStore = blobStore;
    }

    /** A server whose objects live in memory and vanish with it. */
    public static S3ProxyServer startInMemory() {
        S3ProxyServer server = new S3ProxyServer(new TransientNio2BlobStore());
        server.start();
        return server;
    }

    /** A server whose buckets are sub-folders of {@code folder}, e.g. a {@code @TempDir}. */
    public static S3ProxyServer startInFolder(Path folder) {
        return startInFolder(folder, 0);
    }

    /** As {@link #startInFolder(Path)}, on {@code port} (0: a free one): a restarted process serves the same address. */
    public static S3ProxyServer startInFolder(Path folder, int port) {
        S3ProxyServer server = new S3ProxyServer(new FilesystemNio2BlobStore(folder.toAbsolutePath().toString()));
        server.port = port;
        server.start();
        return server;
    }

    /** Starts the server: on a free port the first time, on the same port after a {@link #stop()}. */
    public synchronized void start() {
        if (proxy != null) {
            return;
        }
        S3Proxy candidate = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // an outage test wants the port closed now, not after idle keep-alive connections drain
                .stopTimeout(STOP_TIMEOUT_MILLIS)
                .build();
        try {
            candidate.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on 127.0.0.1:" + port, e);
        }
        port = candidate.getPort();
        proxy = candidate;
    }

    /** Stops answering: clients get "connection refused" until {@link #start()} or {@link #restart()}. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (TimeoutException e) {
            // Jetty closed the port and every connection; it only reports that it did not wait for idle ones
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            proxy = null;
        }
    }

    /** Stops and starts again on the same port with the same objects. */
    public void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /** {@code http://127.0.0.1:port}, valid across stops and restarts. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Creates a bucket with a new name and returns the name. */
    public String createBucket() {
        String bucket = "test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        blobStore.createContainer(bucket);
        return bucket;
    }

    /**
     * Writes an object into the server's storage without an HTTP request: for seeding thousands of
     * objects fast. What is written is visible to S3 clients like any other object.
     */
    public void putDirectly(String bucket, String objectName, byte[] body) {
        blobStore.putBlob(PutObjectRequest.builder().bucket(bucket).key(objectName).contentLength((long) body.length)
                .build(), new ByteArrayInputStream(body));
    }

    /** A config for {@code bucket} on this server, every option at its default. */
    public S3Config config(String bucket) {
        return S3Config.of(endpoint(), bucket, ACCESS_KEY, SECRET_KEY);
    }

    /** The store URI for {@link ObjectStores#open} (pair it with {@link #environment()}). */
    public String storeUri(String bucket) {
        return "s3://" + bucket + "?endpoint=" + endpoint();
    }

    /** The environment variables that carry this server's credentials. */
    public Map<String, String> environment() {
        return Map.of(ObjectStores.ACCESS_KEY_VARIABLE, ACCESS_KEY, ObjectStores.SECRET_KEY_VARIABLE, SECRET_KEY);
    }

    @Override
    public void close() {
        stop();
        blobStore.close();
    }
}
