package io.playstream.app.cli;

import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.app.run.AppServices;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playstream run}: the long-running service. Reads the configuration once, starts the
 * services of {@link AppServices} and runs until SIGTERM or Ctrl-C, then stops them in order.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run Playstream: jobs and schedules (JobRunr), HTTP API, dashboards; stops cleanly on SIGTERM.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or .properties configuration file.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where data and the embedded job store live (key data-dir).")
    String dataDir;

    @Option(names = "--http-port", paramLabel = "P", description = "Port of the HTTP API (key http.port, default 8080).")
    Integer httpPort;

    @Option(names = "--jobs-port", paramLabel = "P", description = "Port of JobRunr's own dashboard server, on loopback; the API serves it at /dashboard (key jobs.port, default 8000).")
    Integer jobsPort;

    @Option(names = "--simulate", paramLabel = "EVENTS_PER_S", description = "Simulate listeners at this rate (key simulate.rate).")
    Integer simulate;

    @Override
    public Integer call() throws InterruptedException {
        PlaystreamConfig settings = ConfigLoader.load(Optional.ofNullable(config), Path.of("").toAbsolutePath(), System.getenv(), options());
        AppServices services = AppServices.start(settings, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.close();
            stopped.countDown();
        }, "playstream-shutdown"));
        System.out.println("playstream: dashboard and API on http://" + settings.httpHost() + ":" + services.apiPort() + "/"
                + services.dashboardPort().map(p -> ", JobRunr dashboard on http://" + settings.jobsHost() + ":" + p + "/dashboard"
                        + " (its own server; behind the API's token at http://" + settings.httpHost() + ":" + services.apiPort()
                        + "/dashboard)").orElse(""));
        stopped.await();
        return 0;
    }

    private Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        if (dataDir != null) {
            options.put("data-dir", dataDir);
        }
        if (httpPort != null) {
            options.put("http.port", String.valueOf(httpPort));
        }
        if (jobsPort != null) {
            options.put("jobs.port", String.valueOf(jobsPort));
        }
        if (simulate != null) {
            options.put("simulate.rate", String.valueOf(simulate));
        }
        return options;
    }
}
