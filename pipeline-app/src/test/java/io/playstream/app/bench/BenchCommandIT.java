package io.playstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.app.cli.PlaystreamCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code playstream bench} end to end on a real embedded broker, Kafka's perf tools in a child JVM
 * (from target/bench-lib, which the package phase has copied before Failsafe runs) and DuckDB.
 * Asserts that every stage was measured with its reference, never how fast.
 */
class BenchCommandIT {

    private static final List<String> STAGES = List.of("simulate + encode", "produce", "sink to bronze", "sink process, cold",
            "load to DuckDB",
            "transform incr. / full", "transform idle, reuse", "transform 5k, reuse", "transform 5k, continuous",
            "freshness -> bronze @ 200/s",
            "freshness -> warehouse bronze @ 200/s", "freshness -> gold @ 200/s", "watermark lag @ 200/s");

    @TempDir
    Path dir;

    @Test
    void benchMeasuresEveryStageAgainstItsReferenceAndWritesEveryFigure() throws Exception {
        Path json = dir.resolve("results.json");
        StringWriter out = new StringWriter();

        // two partitions instead of six: fewer bronze files; a low rate and a short window keep continuous mode short
        int status = bench(out, "--events", "5000", "--rounds", "1", "--partitions", "2", "--out", json.toString(),
                "--freshness-rates", "200", "--freshness-flush-age", "PT1S", "--freshness-window", "PT5S");

        assertThat(status).as(out.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("events").asLong()).isEqualTo(5_000);
        assertThat(report.get("machine").get("cores").asInt()).isPositive();
        List<String> names = new ArrayList<>();
        for (JsonNode stage : report.get("stages")) {
            names.add(stage.get("stage").asText());
            assertThat(stage.get("note").isNull()).as(stage.get("stage") + " has its reference").isTrue();
            JsonNode round = stage.get("rounds").get(0);
            assertThat(round.get("ours").asDouble()).as(stage.get("stage").asText()).isPositive();
            assertThat(round.get("reference").asDouble()).as(stage.get("stage").asText()).isPositive();
            assertThat(round.get("ratio").asDouble()).as(stage.get("stage").asText()).isPositive();
            // a stage run in a child process (the cold sink) cannot see that JVM's heap: it gives the child's RSS
            long memory = round.get("peakHeapBytes").asLong() > 0 ? round.get("peakHeapBytes").asLong()
                    : round.get("peakRssBytes").asLong();
            assertThat(memory).as(stage.get("stage").asText() + ": its peak memory").isPositive();
        }
        assertThat(names).containsExactlyElementsOf(STAGES);
        assertThat(out.toString()).contains("| stage").contains("machine:").contains("results: ");
        STAGES.forEach(stage -> assertThat(out.toString()).contains("| " + stage));
    }

    @Test
    void stagesCanBeChosenAndTheirInputsStillRunUnmeasured() throws Exception {
        Path json = dir.resolve("sink-only.json");
        StringWriter out = new StringWriter();

        int status = bench(out, "--events", "5000", "--rounds", "1", "--partitions", "2", "--stages", "sink",
                "--out", json.toString());

        assertThat(status).as(out.toString()).isZero();
        JsonNode stages = new ObjectMapper().readTree(json.toFile()).get("stages");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).get("stage").asText()).isEqualTo("sink to bronze");
        assertThat(stages.get(0).get("rounds").get(0).get("ratio").asDouble()).isPositive();
        // the cold `playstream sink` process beside it, timed until its group committed every record
        assertThat(stages.get(1).get("stage").asText()).isEqualTo("sink process, cold");
        JsonNode process = stages.get(1).get("rounds").get(0);
        assertThat(process.get("ratio").asDouble()).isPositive();
        assertThat(process.get("details").get("CPU s").asDouble()).isPositive();
    }

    /** The api stage alone: its own warehouse, each endpoint's p95 against a bare request's, p50 beside it. */
    @Test
    void theApiStageMeasuresEachListeningEndpointOnAWarehouseOfItsOwn() throws Exception {
        Path json = dir.resolve("api-only.json");
        StringWriter out = new StringWriter();

        int status = bench(out, "--events", "5000", "--rounds", "1", "--stages", "api", "--out", json.toString());

        assertThat(status).as(out.toString()).isZero();
        JsonNode stages = new ObjectMapper().readTree(json.toFile()).get("stages");
        List<String> names = new ArrayList<>();
        for (JsonNode stage : stages) {
            names.add(stage.get("stage").asText());
            JsonNode round = stage.get("rounds").get(0);
            assertThat(round.get("reference").asDouble()).as(stage.get("stage").asText()).isPositive();
            assertThat(round.get("ours").asDouble()).as(stage.get("stage").asText())
                    .isGreaterThanOrEqualTo(round.get("details").get("p50 ms").asDouble());
        }
        assertThat(names).contains("api listening totals, 28 days", "api minutes by country, month", "api artists, 7 days",
                "api artist countries, month", "api artist hours, all time", "api gold top artists, week");
        assertThat(out.toString()).contains("full transform");
    }

    @Test
    void anUnknownStageIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("bench", "--stages", "sink,warp")).isEqualTo(2);
        assertThat(err.toString()).contains("warp").contains("freshness");
    }

    @Test
    void kafkaToolsStayOutOfTheAppsRuntimeClasspath() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        assertThat(jarNames(target.resolve("bench-lib"))).anyMatch(name -> name.startsWith("kafka-tools-4"));
        assertThat(jarNames(target.resolve("lib")))
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("kafka-tools-4") || name.startsWith("connect-")
                        || name.startsWith("jetty-server-12"));
    }

    /** Runs {@code playstream bench} with the arguments, its output into {@code out}. */
    private static int bench(StringWriter out, String... arguments) {
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        List<String> command = new ArrayList<>(List.of("bench"));
        command.addAll(List.of(arguments));
        return cli.execute(command.toArray(String[]::new));
    }

    private static List<String> jarNames(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
