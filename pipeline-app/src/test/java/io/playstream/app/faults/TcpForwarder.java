package io.playstream.app.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes a service that listens on the host's loopback reachable at another of the host's addresses
 * (e.g. the host end of a {@link NetworkNamespace}'s veth): each connection accepted there is joined,
 * byte for byte in both directions, to a new connection to {@code 127.0.0.1:targetPort}. When the
 * service is down, a connection is accepted and closed at once.
 */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TcpForwarder(String bindAddress, int targetPort) {
        this.targetPort = targetPort;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress, e);
        }
        Thread acceptor = new Thread(this::accept, "forward-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket inbound = server.accept();
                sockets.add(inbound);
                try {
                    Socket outbound = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(outbound);
                    pump(inbound, outbound);
                    pump(outbound, inbound);
                } catch (IOException e) {
                    inbound.close(); // the service is down: as refused as a forwarder can make it
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "forward-" + targetPort + "-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed already
        }
        sockets.forEach(TcpForwarder::closeQuietly);
    }
}
