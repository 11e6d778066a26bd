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
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * End-to-end freshness of {@code playstream run} on embedded defaults (broker, sink, simulator,
 * DuckDB), in continuous mode by default, at each configured rate of simulated listeners: waits for
 * gold (the warm-up), then sends stamped events for {@code rounds} windows and measures how long
 * each took from its event time to its bronze file, to warehouse bronze and to gold (p50, p95, p99),
 * samples gold's watermark lag, whether it keeps up (the lag does not grow), and the CPU the process
 * used. Four rows per rate: event -> bronze against the flush age, event -> warehouse bronze and
 * event -> gold against the aim of 10 s (scheduled mode: flush age + schedule), the watermark lag
 * against the same.
 */
final class FreshnessStage {

    private static final Duration POLL = Duration.ofMillis(250);
    /** Time for the slowest load + transform on a loaded machine, on top of the configured bound. */
    private static final Duration SLACK = Duration.ofMinutes(2);

    private final FreshnessSettings settings;
    private final Path workDir;

    FreshnessStage(FreshnessSettings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
    }

    List<StageResult> run(int rounds, PrintWriter out) {
        List<StageResult> results = new ArrayList<>();
        for (int rate : settings.rates()) {
            results.addAll(runAt(rate, rounds, out));
        }
        return results;
    }

    private List<StageResult> runAt(int rate, int rounds, PrintWriter out) {
        long start = System.nanoTime();
        Path folder = workDir.resolve("rate-" + rate);
        PlaystreamConfig config = config(folder, rate);
        List<RoundFigure> bronze = new ArrayList<>();
        List<RoundFigure> loaded = new ArrayList<>();
        List<RoundFigure> gold = new ArrayList<>();
        List<RoundFigure> watermark = new ArrayList<>();
        Duration bound = settings.continuous() ? FreshnessSettings.GOLD_AIM : settings.flushAge().plus(settings.schedule());
        try (AppServices app = AppServices.start(config, Map.of());
             ObjectStore store = ObjectStores.open(config.store(), Map.of());
             Warehouse warehouse = Warehouses.open(config.warehouse(), Map.of())) {
            FreshnessProbe probe = new FreshnessProbe(store, warehouse);
            // the first transform may start before any watermark was loaded: wait for gold and its watermark
            waitFor("gold and its watermark", probe, () -> probe.goldExists() && probe.watermarkLagSeconds().isPresent(),
                    bound.multipliedBy(3).plus(SLACK));
            KafkaSettings kafka = KafkaSettings.of(app.kafkaBootstrapServers().orElseThrow());
            StampedEvents stamped = new StampedEvents(kafka, config.kafkaTopic(), settings.stampedPerSecond());
            MemoryProbe.reset();
            Map<Integer, List<Double>> lags = new HashMap<>();
            CpuClock cpu = CpuClock.start();
            try (stamped) {
                stamped.start(1);
                for (int round = 1; round <= rounds; round++) {
                    stamped.nextRound(round);
                    lags.put(round, pollFor(probe, settings.window()));
                }
            }
            double cores = cpu.coresUsed();
            Map<String, StampedEvents.Stamp> sent = stamped.sent();
            boolean arrived = waitUntil(probe,
                    () -> probe.inBronze().keySet().containsAll(sent.keySet())
                            && probe.inWarehouseBronze().keySet().containsAll(sent.keySet())
                            && probe.inGold().keySet().containsAll(sent.keySet()),
                    bound.multipliedBy(2).plus(SLACK));
            // a pipeline that falls behind still gets its figures: an event not seen by now counts
            // as seen now, so they are lower bounds, and it does not keep up
            Instant gaveUp = Instant.now();
            MemoryProbe.Usage memory = MemoryProbe.read();
            double keepsUp = arrived && keepsUp(lags, rounds) ? 1 : 0;
            Map<String, Double> common = Map.of("rate events/s", (double) rate, "cpu cores", cores, "keeps up", keepsUp);
            for (int round = 1; round <= rounds; round++) {
                bronze.add(figure(round, sent, probe.inBronze(), gaveUp, seconds(settings.flushAge()), memory, common));
                loaded.add(figure(round, sent, probe.inWarehouseBronze(), gaveUp, seconds(bound), memory, common));
                gold.add(figure(round, sent, probe.inGold(), gaveUp, seconds(bound), memory, common));
                watermark.add(lagFigure(round, lags.get(round), seconds(bound), memory, common));
            }
            out.printf(Locale.ROOT, "  %-24s done in %5.1f s (%d events/s, %.2f cores, keeps up: %s)%n", "freshness",
                    BenchData.seconds(start), rate, cores, keepsUp > 0 ? "yes" : "no");
            if (!arrived) {
                long missing = sent.keySet().stream().filter(user -> !probe.inGold().containsKey(user)).count();
                out.printf(Locale.ROOT, "  %-24s %d of %d stamped events not in gold %s after the rounds: "
                        + "their figures are lower bounds%n", "", missing, sent.size(), bound.multipliedBy(2).plus(SLACK));
            }
        }
        out.flush();
        String setup = settings.mode() + " at " + rate + " events/s (flush age " + settings.flushAge()
                + (settings.continuous() ? "" : ", schedule " + settings.schedule()) + "), p95";
        String against = settings.continuous() ? "aim " + FreshnessSettings.GOLD_AIM.toSeconds() + " s" : "flush age + schedule";
        String at = " @ " + rate + "/s";
        return List.of(new StageResult("freshness -> bronze" + at, "s", setup, "flush age", bronze, null),
                new StageResult("freshness -> warehouse bronze" + at, "s", setup, against, loaded, null),
                new StageResult("freshness -> gold" + at, "s", setup, against, gold, null),
                new StageResult("watermark lag" + at, "s", settings.mode() + " at " + rate + " events/s, p95 of samples",
                        against, watermark, null));
    }

    /** {@code playstream run}'s configuration on embedded defaults, in a folder of its own, with no fixed port. */
    private PlaystreamConfig config(Path folder, int rate) {
        Map<String, String> options = new HashMap<>(Map.of(
                "data-dir", folder.toString(),
                "http.port", "0",
                "jobs.port", "-1",
                "pipeline.mode", settings.mode(),
                "schedule.load", settings.continuous() ? "off" : settings.schedule().toString(),
                "sink.flush-age", settings.flushAge().toString(),
                "simulate.rate", Integer.toString(rate)));
        return ConfigLoader.load(Optional.empty(), folder, Map.of(), options);
    }

    private static void waitFor(String what, FreshnessProbe probe, BooleanSupplier done, Duration timeout) {
        if (!waitUntil(probe, done, timeout)) {
            throw PlaystreamException.permanent("freshness: still waiting for " + what + " after " + timeout, null);
        }
    }

    /** Polls until {@code done}; false when {@code timeout} passed first. */
    private static boolean waitUntil(FreshnessProbe probe, BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            probe.poll();
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleep(POLL);
        }
    }

    /** Polls for {@code duration}; returns gold's watermark lag at each poll, in seconds. */
    private static List<Double> pollFor(FreshnessProbe probe, Duration duration) {
        List<Double> lags = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            probe.poll();
            probe.watermarkLagSeconds().ifPresent(lags::add);
            sleep(POLL);
        }
        return lags;
    }

    /**
     * Whether the pipeline keeps up: the watermark lag of the last round is no more than the first
     * round's plus half a window (a pipeline falling behind sees it grow by about a window each round).
     * With one round, its second half against its first.
     */
    private boolean keepsUp(Map<Integer, List<Double>> lags, int rounds) {
        List<Double> first = lags.get(1);
        List<Double> last = lags.get(rounds);
        if (rounds == 1) {
            first = last.subList(0, last.size() / 2);
            last = last.subList(last.size() / 2, last.size());
        }
        if (first.isEmpty() || last.isEmpty()) {
            return false;
        }
        return median(last) <= median(first) + seconds(settings.window()) / 2;
    }

    /**
     * One round's p95 (with p50 and p99) of event time -> first seen, in seconds; an event not seen
     * counts as seen at {@code gaveUp}, and the figure says how many were not ("unseen").
     */
    private static RoundFigure figure(int round, Map<String, StampedEvents.Stamp> sent, Map<String, Instant> seen,
            Instant gaveUp, double bound, MemoryProbe.Usage memory, Map<String, Double> common) {
        List<Map.Entry<String, StampedEvents.Stamp>> ofRound = sent.entrySet().stream()
                .filter(e -> e.getValue().round() == round).toList();
        double[] latencies = ofRound.stream()
                .mapToDouble(e -> Duration.between(e.getValue().eventTime(), seen.getOrDefault(e.getKey(), gaveUp)).toNanos() / 1e9)
                .sorted().toArray();
        if (latencies.length == 0) {
            throw PlaystreamException.permanent("freshness: round " + round + " sent no event", null);
        }
        Map<String, Double> details = new HashMap<>(common);
        details.put("unseen", (double) ofRound.stream().filter(e -> !seen.containsKey(e.getKey())).count());
        return percentiles(round, latencies, bound, memory, details, "events");
    }

    private static RoundFigure lagFigure(int round, List<Double> lags, double bound, MemoryProbe.Usage memory,
            Map<String, Double> common) {
        if (lags == null || lags.isEmpty()) {
            throw PlaystreamException.permanent("freshness: round " + round + " saw no watermark", null);
        }
        double[] sorted = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return percentiles(round, sorted, bound, memory, common, "samples");
    }

    private static RoundFigure percentiles(int round, double[] sorted, double bound, MemoryProbe.Usage memory,
            Map<String, Double> common, String counted) {
        double p95 = percentile(sorted, 0.95);
        Map<String, Double> details = new HashMap<>(common);
        details.putAll(Map.of("p50 s", percentile(sorted, 0.50), "p95 s", p95, "p99 s", percentile(sorted, 0.99),
                "max s", sorted[sorted.length - 1], counted, (double) sorted.length));
        return RoundFigure.of(round, Math.max(p95, 1e-3), bound, memory, details);
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return percentile(sorted, 0.5);
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

    /** CPU time of this process (every thread: broker, sink, loop, transform, simulator, probe) over wall time. */
    private record CpuClock(long cpuNanos, long wallNanos) {

        static CpuClock start() {
            return new CpuClock(processCpuNanos(), System.nanoTime());
        }

        double coresUsed() {
            return (processCpuNanos() - cpuNanos) / (double) Math.max(1, System.nanoTime() - wallNanos);
        }

        private static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
        }
    }
}
