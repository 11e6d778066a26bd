package io.playstream.jobs.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.dashboard.server.http.RedirectHttpHandler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;

/**
 * JobRunr's dashboard (its own handlers: UI, REST API, server-sent events) on a JDK HTTP server
 * bound to one address. JobRunr's {@code JobRunrDashboardWebServer} binds every interface, which
 * would expose the jobs to the network; this one listens on 127.0.0.1 unless told otherwise.
 */
final class LoopbackDashboard implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<HttpExchangeHandler> handlers;

    private LoopbackDashboard(HttpServer server, ExecutorService executor, List<HttpExchangeHandler> handlers) {
        this.server = server;
        this.executor = executor;
        this.handlers = handlers;
    }

    static LoopbackDashboard start(String host, int port, StorageProvider storage, JsonMapper json) {
        List<HttpExchangeHandler> handlers = List.of(
                new RedirectHttpHandler("/", "/dashboard"),
                new JobRunrStaticFileHandler(),
                new JobRunrApiHandler(storage, json, false),
                new JobRunrSseHandler(storage, json));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            handlers.forEach(h -> server.createContext(h.getContextPath(), h));
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "jobrunr-dashboard");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.start();
            return new LoopbackDashboard(server, executor, handlers);
        } catch (IOException e) {
            handlers.forEach(HttpExchangeHandler::close);
            throw new UncheckedIOException("cannot start the JobRunr dashboard on " + host + ":" + port, e);
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        handlers.forEach(HttpExchangeHandler::close);
        server.stop(0);
        executor.shutdownNow();
    }
}
