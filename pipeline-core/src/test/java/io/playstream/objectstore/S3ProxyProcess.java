package io.playstream.objectstore;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S3Proxy as a process of its own, for tests that kill and restart the S3 server under other
 * processes ({@code java -cp <this module's test class path> io.playstream.objectstore.S3ProxyProcess
 * FOLDER PORT BUCKET}): buckets are sub-folders of FOLDER, PORT 0 picks a free one; prints
 * {@code S3Proxy on http://127.0.0.1:PORT} once it answers, and serves until killed.
 */
public final class S3ProxyProcess {

    private S3ProxyProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: S3ProxyProcess FOLDER PORT BUCKET");
            System.exit(2);
        }
        Path folder = Files.createDirectories(Path.of(args[0]));
        Files.createDirectories(folder.resolve(args[2]));
        S3ProxyServer server = S3ProxyServer.startInFolder(folder, Integer.parseInt(args[1]));
        System.out.println("S3Proxy on " + server.endpoint());
        Thread.currentThread().join();
    }
}
