package io.playstream.objectstore;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 server (S3Proxy, in memory, 127.0.0.1, free port) for a test class:
 * <pre>{@code
 * @RegisterExtension
 * static final S3ServerExtension S3 = new S3ServerExtension();
 *
 * ObjectStore store = new S3ObjectStore(S3.config(S3.createBucket()));
 * S3.stop();      // connection refused from now on
 * S3.restart();   // same port, same objects
 * }</pre>
 * In a static field the server lives for the class; in an instance field, for each test. Every
 * test starts with the server running, even if the one before stopped it.
 */
public final class S3ServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private S3ProxyServer server;
    /** The class or test that started the server, and so stops it (nested classes share it). */
    private String owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!startFor(context)) {
            // a test before this one may have stopped it for an outage
            server.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeFor(context);
    }

    /** The running server, for what the shortcuts below do not cover. */
    public S3ProxyServer server() {
        if (server == null) {
            throw new IllegalStateException("the S3 server runs only inside a test of the class that registers it");
        }
        return server;
    }

    public URI endpoint() {
        return server().endpoint();
    }

    public String accessKey() {
        return server().accessKey();
    }

    public String secretKey() {
        return server().secretKey();
    }

    public String createBucket() {
        return server().createBucket();
    }

    public S3Config config(String bucket) {
        return server().config(bucket);
    }

    public String storeUri(String bucket) {
        return server().storeUri(bucket);
    }

    public Map<String, String> environment() {
        return server().environment();
    }

    public void stop() {
        server().stop();
    }

    public void start() {
        server().start();
    }

    public void restart() {
        server().restart();
    }

    private boolean startFor(ExtensionContext context) {
        if (server != null) {
            return false;
        }
        server = S3ProxyServer.startInMemory();
        owner = context.getUniqueId();
        return true;
    }

    private void closeFor(ExtensionContext context) {
        if (server != null && context.getUniqueId().equals(owner)) {
            server.close();
            server = null;
            owner = null;
        }
    }
}
