package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.app.run.AppServices;
import io.playstream.objectstore.ObjectStore;
import io.playstream.objectstore.ObjectStores;
import io.playstream.stream.KafkaSettings;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * End-to-end freshness in {@code run} mode: starts the app as {@code playstream run} does on embedded
 * defaults (broker, sink, JobRunr with the recurring load, each load enqueuing a transform, the
 * simulator) with a short schedule and flush age, waits for the first transform (the warm-up),
 * then sends stamped events for {@code rounds} windows and measures how long each took from its
 * event time to its bronze file and to gold. Two rows: event -> bronze against the flush age, and
 * event -> gold against flush age + schedule, the bounds the configuration promises; each round's
 * figure is the p95 of its events, with the p50 beside it.
 */
final class FreshnessStage {

    private static final Duration POLL = Duration.ofMillis(500);
    /** Time for the slowest load + transform on a loaded machine, on top of the configured bound. */
    private static final Duration SLACK = Duration.ofMinutes(2);

    private final FreshnessSettings settings;
    private final Path workDir;

    FreshnessStage(FreshnessSettings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
    }

    List<StageResult> run(int rounds, PrintWriter out) {
        long start = System.nanoTime();
        PlaystreamConfig config = config();
        List<RoundFigure> bronze = new ArrayList<>();
        List<RoundFigure> gold = new ArrayList<>();
        try (AppServices app = AppServices.start(config, Map.of());
             ObjectStore store = ObjectStores.open(config.store(), Map.of());
             Warehouse warehouse = Warehouses.open(config.warehouse(), Map.of())) {
            FreshnessProbe probe = new FreshnessProbe(store, warehouse);
            waitFor("the first transform", probe, probe::goldExists, settings.schedule().multipliedBy(3).plus(SLACK));
            KafkaSettings kafka = KafkaSettings.of(app.kafkaBootstrapServers().orElseThrow());
            StampedEvents stamped = new StampedEvents(kafka, config.kafkaTopic(), settings.stampedPerSecond());
            MemoryProbe.reset();
            try (stamped) {
                stamped.start(1);
                for (int round = 1; round <= rounds; round++) {
                    stamped.nextRound(round);
                    pollFor(probe, settings.window());
                }
            }
            Map<String, StampedEvents.Stamp> sent = stamped.sent();
            waitFor("every stamped event in bronze and gold", probe,
                    () -> probe.inBronze().keySet().containsAll(sent.keySet()) && probe.inGold().keySet().containsAll(sent.keySet()),
                    settings.schedule().multipliedBy(2).plus(settings.flushAge()).plus(SLACK));
            MemoryProbe.Usage memory = MemoryProbe.read();
            double bronzeBound = seconds(settings.flushAge());
            double goldBound = seconds(settings.flushAge().plus(settings.schedule()));
            for (int round = 1; round <= rounds; round++) {
                bronze.add(figure(round, sent, probe.inBronze(), bronzeBound, memory));
                gold.add(figure(round, sent, probe.inGold(), goldBound, memory));
            }
        }
        out.printf(Locale.ROOT, "  %-24s done in %5.1f s%n", "freshness in run mode", BenchData.seconds(start));
        out.flush();
        String setup = "run (schedule " + settings.schedule() + ", flush age " + settings.flushAge() + "), p95";
        return List.of(new StageResult("freshness -> bronze", "s", setup, "flush age", bronze, null),
                new StageResult("freshness -> gold", "s", setup, "flush age + schedule", gold, null));
    }

    /** {@code playstream run}'s configuration on embedded defaults, in a folder of its own, with no fixed port. */
    private PlaystreamConfig config() {
        Map<String, String> options = Map.of(
                "data-dir", workDir.toString(),
                "http.port", "0",
                "jobs.port", "-1",
                "schedule.load", settings.schedule().toString(),
                "sink.flush-age", settings.flushAge().toString(),
                "simulate.rate", Integer.toString(settings.backgroundPerSecond()));
        return ConfigLoader.load(Optional.empty(), workDir, Map.of(), options);
    }

    private static void waitFor(String what, FreshnessProbe probe, BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            probe.poll();
            if (done.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw PlaystreamException.permanent("freshness: no " + what + " within " + timeout, null);
            }
            sleep(POLL);
        }
    }

    private static void pollFor(FreshnessProbe probe, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            probe.poll();
            sleep(POLL);
        }
    }

    /** One round's p95 (and p50) of event time -> first seen, in seconds. */
    private static RoundFigure figure(int round, Map<String, StampedEvents.Stamp> sent, Map<String, Instant> seen,
            double bound, MemoryProbe.Usage memory) {
        double[] latencies = sent.entrySet().stream().filter(e -> e.getValue().round() == round)
                .mapToDouble(e -> Duration.between(e.getValue().eventTime(), seen.get(e.getKey())).toNanos() / 1e9)
                .sorted().toArray();
        if (latencies.length == 0) {
            throw PlaystreamException.permanent("freshness: round " + round + " sent no event", null);
        }
        double p95 = percentile(latencies, 0.95);
        return RoundFigure.of(round, Math.max(p95, 1e-3), bound, memory, Map.of("p50 s", percentile(latencies, 0.50),
                "p95 s", p95, "max s", latencies[latencies.length - 1], "events", (double) latencies.length));
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaystreamException.retriable("interrupted while measuring freshness", e);
        }
    }
}
