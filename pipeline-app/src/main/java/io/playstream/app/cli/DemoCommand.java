package io.playstream.app.cli;

import io.playstream.app.demo.DemoRun;
import io.playstream.app.demo.DemoSettings;
import io.playstream.app.demo.GoldSummary;
import io.playstream.app.progress.ConsoleProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code playstream demo}: the main job on embedded defaults, one command on a fresh machine.
 * Simulates a few days of listeners, streams them through the embedded Kafka broker into bronze
 * files, loads DuckDB, runs the dbt project, prints a gold summary and where to look next. With
 * {@code --keep-running} it then stays up as {@code run} does, on the same data folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline once on embedded defaults: simulate -> Kafka -> bronze -> DuckDB -> dbt gold.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", description = "Events to simulate (default: ${DEFAULT-VALUE}).")
    long events = DemoSettings.DEFAULT_EVENTS;

    @Option(names = "--days", paramLabel = "D", description = "Days of history they spread over (default: ${DEFAULT-VALUE}).")
    int days = DemoSettings.DEFAULT_DAYS;

    @Option(names = "--seed", paramLabel = "S", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed = DemoSettings.DEFAULT_SEED;

    @Option(names = "--partitions", paramLabel = "P", description = "Kafka partitions (default: ${DEFAULT-VALUE}).")
    int partitions = DemoSettings.DEFAULT_PARTITIONS;

    @Option(names = "--until", paramLabel = "ISO",
            description = "End of the simulated history, as 2025-12-01, 2025-12-01T06:00 (UTC) or 2025-12-01T06:00:00Z "
                    + "(default: the current hour); fixes the data for comparisons.")
    java.time.Instant until;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where everything is kept (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("playstream-data");

    @Option(names = "--keep-running", description = "Stay up afterwards as 'playstream run' does (API, dashboards, schedule).")
    boolean keepRunning;

    @Option(names = "--http-port", paramLabel = "P", description = "With --keep-running: port of the API (default 8080).")
    Integer httpPort;

    @Option(names = "--jobs-port", paramLabel = "P", description = "With --keep-running: port of the JobRunr dashboard (default 8000).")
    Integer jobsPort;

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = new DemoSettings(dataDir, events, days, seed, partitions, until);
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        ConsoleProgress progress = ConsoleProgress.forThisProcess(System.getenv());
        GoldSummary gold;
        try (ConsoleProgress.InfoLogsMuted muted = progress.muteInfoLogs()) {
            gold = new DemoRun(settings, out, progress, System.getenv()).run();
        }
        gold.print(out);
        out.printf(java.util.Locale.ROOT, "%nDone in %.1f s. Where to look next:%n", (System.nanoTime() - started) / 1e9);
        out.printf("  bronze files   %s/bronze/%n", settings.bucketDir());
        out.printf("  warehouse      %s (schemas bronze, silver, gold)%n", settings.warehouseFile());
        out.printf("  dbt artifacts  %s (run_results.json, manifest.json)%n", settings.dbtTargetDir());
        if (!keepRunning) {
            out.printf("  stay up        java -jar pipeline-app/target/playstream.jar run --data-dir %s%n", settings.dataDir());
            out.printf("                 (dashboard and API on http://127.0.0.1:8080, JobRunr's dashboard at http://127.0.0.1:8080/dashboard)%n");
            out.flush();
            return 0;
        }
        // the ports are printed by run once bound: with --http-port 0 or a clash, no default is the truth
        out.printf("  staying up     as 'playstream run --data-dir %s' (addresses follow once bound)%n", settings.dataDir());
        out.flush();
        RunCommand run = new RunCommand();
        run.dataDir = settings.dataDir().toString();
        run.httpPort = httpPort;
        run.jobsPort = jobsPort;
        return run.call();
    }
}
