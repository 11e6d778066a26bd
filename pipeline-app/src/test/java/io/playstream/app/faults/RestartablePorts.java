package io.playstream.app.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers a test kills and restarts on the same port (Kafka nodes, PostgreSQL,
 * S3Proxy). They are drawn from below the kernel's range for outgoing connections
 * ({@code net.ipv4.ip_local_port_range}), never from it: while a server is down, the clients
 * reconnecting to it are handed ephemeral ports, one of them can be the server's own, and a client
 * connecting from a port to that same port connects to itself (TCP simultaneous open); the restart
 * then fails with "Address already in use". A port from {@code new ServerSocket(0)} is in that range.
 */
final class RestartablePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;

    private RestartablePorts() {
    }

    /** A port below the ephemeral range that nothing on 127.0.0.1 listens on now. */
    static int next() {
        int ceiling = firstEphemeralPort();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ceiling);
    }

    private static int firstEphemeralPort() {
        try {
            int first = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return first > LOWEST + 1_000 ? first : 32_768;
        } catch (IOException | RuntimeException unreadable) {
            return 32_768; // Linux's default range starts there
        }
    }
}
