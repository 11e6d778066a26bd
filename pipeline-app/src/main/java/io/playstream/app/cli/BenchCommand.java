package io.playstream.app.cli;

import io.playstream.app.bench.BenchJson;
import io.playstream.app.bench.BenchReport;
import io.playstream.app.bench.BenchRun;
import io.playstream.app.bench.BenchSettings;
import io.playstream.app.bench.BenchTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code playstream bench}: every stage against its reference in one run, on embedded defaults.
 * Figures are ratios against a reference measured in the same run on the same data, since the
 * machines are shared and noisy; the JSON keeps every round so runs compare over time.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark every stage against its reference (Jackson, Kafka's perf tools, read_json, COPY).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", description = "Events per round (default: ${DEFAULT-VALUE}).")
    long events = BenchSettings.DEFAULT_EVENTS;

    @Option(names = "--partitions", paramLabel = "P", description = "Kafka partitions (default: ${DEFAULT-VALUE}).")
    int partitions = BenchSettings.DEFAULT_PARTITIONS;

    @Option(names = "--rounds", paramLabel = "R", description = "Measured rounds per stage, after a warm-up (default: ${DEFAULT-VALUE}).")
    int rounds = BenchSettings.DEFAULT_ROUNDS;

    @Option(names = "--out", paramLabel = "FILE", description = "Write every figure as JSON to FILE.")
    Path out;

    @Option(names = "--postgres", paramLabel = "JDBC_URL",
            description = "Also measure loads to PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/?user=postgres (a database is created and dropped).")
    String postgres;

    @Override
    public Integer call() {
        BenchSettings settings = new BenchSettings(events, partitions, rounds, out, postgres);
        PrintWriter writer = spec.commandLine().getOut();
        BenchReport report = new BenchRun(settings, writer).run();
        BenchTable.print(report, writer);
        if (out != null) {
            BenchJson.write(report, out);
            writer.printf("%nresults: %s%n", out.toAbsolutePath());
        }
        writer.flush();
        return 0;
    }
}
