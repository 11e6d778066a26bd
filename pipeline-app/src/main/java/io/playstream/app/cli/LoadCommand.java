package io.playstream.app.cli;

import io.playstream.app.progress.ConsoleProgress;
import io.playstream.app.progress.LoadProgress;
import io.playstream.objectstore.ObjectStore;
import io.playstream.objectstore.ObjectStores;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadInterval;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.LoaderSettings;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code playstream load}: loads new and changed bronze objects into the warehouse, exactly once. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load new and changed bronze objects from the store into the warehouse (bronze.spotify_events).")
final class LoadCommand implements Callable<Integer> {

    /** Fewer objects than this load without a progress bar. */
    static final int PROGRESS_BAR_FROM = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "URI",
            description = "Object store to read, which must exist: " + ObjectStores.FORMS)
    String store;

    @Option(names = "--warehouse", required = true, paramLabel = "URI",
            description = "Warehouse: duckdb:/abs/path/file.duckdb, jdbc:postgresql://host:port/db?user=..., "
                    + "jdbc:snowflake://account.snowflakecomputing.com/?db=...&warehouse=... (secrets from the environment)")
    String warehouse;

    @Option(names = "--from", paramLabel = "ISO",
            description = "Only hours starting at or after this time: 2025-12-01, 2025-12-01T06:00 (UTC) or 2025-12-01T06:00:00Z")
    Instant from;

    @Option(names = "--to", paramLabel = "ISO", description = "Only hours starting before this time, as --from")
    Instant to;

    @Option(names = "--keep-raw", description = "Keep every line byte for byte in bronze's _raw, as the config key"
            + " load.keep-raw does for run (default: only what the typed columns do not hold, in _rescued)")
    boolean keepRaw;

    @Override
    public Integer call() {
        Optional<LoadInterval> interval = interval();
        PrintWriter out = spec.commandLine().getOut();
        try (ObjectStore objects = ObjectStores.openExisting(store, System.getenv());
                Warehouse target = Warehouses.open(warehouse, System.getenv());
                LoadProgress progress = new LoadProgress(ConsoleProgress.forThisProcess(System.getenv()), PROGRESS_BAR_FROM)) {
            LoadResult result = new BronzeLoader(target, objects, LoaderSettings.DEFAULTS.withKeepRaw(keepRaw), progress).load(interval);
            out.println(summary(result));
            out.flush();
        }
        return 0;
    }

    private Optional<LoadInterval> interval() {
        if (from == null && to == null) {
            return Optional.empty();
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("--from and --to go together");
        }
        return Optional.of(new LoadInterval(from, to));
    }

    static String summary(LoadResult result) {
        double seconds = result.duration().toNanos() / 1e9;
        return String.format(Locale.ROOT,
                "loaded %d objects (%d replaced), %d rows, %d rejected lines, %d bytes in %.2f s;"
                        + " %d objects already loaded, %d keys skipped",
                result.objects(), result.replacedObjects(), result.rows(), result.rejectedLines(), result.bytes(),
                seconds, result.upToDate(), result.skippedKeys());
    }

}
