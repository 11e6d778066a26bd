package io.playstream.app.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the fault suites read from the command line: the seed of their random points
 * ({@code -Dplaystream.faults.seed=N}, printed with the figures, so a failing order replays) and the
 * soak's length ({@code -Dplaystream.soak=PT30M}: rounds repeated until it has passed); and where a
 * run leaves its figures and its children's logs ({@code target/fault-injection}).
 */
final class FaultRun {

    static final long SEED = Long.getLong("playstream.faults.seed", 20_251_210L);
    static final Optional<Duration> SOAK = Optional.ofNullable(System.getProperty("playstream.soak"))
            .filter(s -> s.startsWith("P")).map(Duration::parse);

    private FaultRun() {
    }

    /** Notes the wall time, writes the figures to {@code <prefix>figures-<seed>.txt} and keeps the logs beside them. */
    static void keep(FaultFigures figures, String prefix, long startedNanos, int rounds, Path logs) throws IOException {
        figures.note("wall time %s (%s, %d round(s) of faults)", FaultFigures.seconds(Duration.ofNanos(System.nanoTime() - startedNanos)),
                SOAK.map(d -> "soak " + d).orElse("CI"), rounds);
        Path results = Path.of("target", "fault-injection");
        figures.write(results.resolve(prefix + "figures-" + SEED + ".txt"));
        FaultFigures.keepLogs(logs, results.resolve(prefix + "logs-" + SEED));
    }
}
