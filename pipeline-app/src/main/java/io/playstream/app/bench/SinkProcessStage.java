package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import io.playstream.stream.KafkaSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * The sink as users run it: a cold {@code playstream sink} process with its defaults (static
 * membership, notices, a 10 s flush age) draining the topic the in-process stage read, timed from
 * launching the JVM until the group's committed offsets reach the end of every partition. The sink
 * commits only after a flush's objects and its notice are durable, so that is the moment every
 * record, the last file's included, is in bronze. The reference is ConsumerPerformance on the same
 * topic, itself a cold child JVM, or a command given with {@code --sink-reference} (Flink's FileSink,
 * bench/flink/), launched and timed the same way. Also reported: the start-up (launch until the
 * group is stable), the drain rate after it, and the child's CPU time and peak resident memory
 * ({@code /proc}).
 */
final class SinkProcessStage {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final KafkaSettings kafka;
    private final String topic;
    private final long events;
    private final Path workDir;
    private final SinkStage inProcess;
    private final Optional<ReferenceTools> tools;
    private final String referenceCommand;

    /** @param referenceCommand the {@code --sink-reference} command, or null for ConsumerPerformance */
    SinkProcessStage(KafkaSettings kafka, String topic, long events, Path workDir, SinkStage inProcess,
            Optional<ReferenceTools> tools, String referenceCommand) {
        this.referenceCommand = referenceCommand;
        this.kafka = kafka;
        this.topic = topic;
        this.events = events;
        this.workDir = workDir;
        this.inProcess = inProcess;
        this.tools = tools;
    }

    StageResult run(int rounds) {
        List<RoundFigure> figures = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, Long> ends = endOffsets(admin);
            for (int round = 1; round <= rounds; round++) {
                Drain drain = drain(admin, ends, ourCommand(round), "sink-" + round, true);
                Map<String, Double> details = new java.util.HashMap<>(Map.of("start-up s", drain.startupSeconds(),
                        "records/s after start-up", events / (drain.seconds() - drain.startupSeconds()),
                        "CPU s", drain.cpuSeconds()));
                Double reference;
                if (referenceCommand != null) {
                    Drain theirs = drain(admin, ends, referenceCommand(round), "reference-" + round, false);
                    reference = events / theirs.seconds();
                    details.put("reference CPU s", theirs.cpuSeconds());
                    details.put("reference records/s after start-up",
                            events / (theirs.seconds() - theirs.startupSeconds()));
                    details.put("reference peak RSS MiB", theirs.peakRssBytes() / 1048576.0);
                } else {
                    reference = tools.map(inProcess::consumerPerformance).orElse(null);
                }
                figures.add(RoundFigure.of(round, events / drain.seconds(), reference,
                        new MemoryProbe.Usage(-1, drain.peakRssBytes(), -1), details));
            }
        }
        return new StageResult("sink process, cold", "records/s", "`playstream sink` with its defaults, until committed",
                referenceCommand != null ? referenceCommand : "ConsumerPerformance", figures,
                referenceCommand != null || tools.isPresent() ? null : ReferenceTools.UNAVAILABLE);
    }

    /** {@code playstream sink} as a user starts it: the same classpath, no JVM options, a fresh group and folder. */
    private Launch ourCommand(int round) {
        String group = "bench-sink-process-" + UUID.randomUUID();
        Path store = workDir.resolve("process-store-" + round).toAbsolutePath();
        return new Launch(group, store, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.playstream.app.Playstream", "sink",
                "--bootstrap", kafka.bootstrapServers(), "--topic", topic, "--group", group,
                "--store", store.toUri().toString()));
    }

    private Launch referenceCommand(int round) {
        String group = "bench-sink-reference-" + UUID.randomUUID();
        Path store = workDir.resolve("reference-store-" + round).toAbsolutePath();
        return new Launch(group, store, java.util.Arrays.stream(referenceCommand.strip().split("\\s+"))
                .map(word -> word.replace("{bootstrap}", kafka.bootstrapServers()).replace("{topic}", topic)
                        .replace("{group}", group).replace("{store}", store.toString()))
                .toList());
    }

    private record Launch(String group, Path store, List<String> command) {
    }

    private record Drain(double seconds, double startupSeconds, double cpuSeconds, long peakRssBytes) {
    }

    /**
     * Launches the command and times it until its group committed the end of every partition.
     *
     * @param ours whether it is {@code playstream sink}, whose count printed at SIGTERM must be every record
     */
    private Drain drain(Admin admin, Map<TopicPartition, Long> ends, Launch launch, String name, boolean ours) {
        String group = launch.group();
        Path log = workDir.resolve("process-" + name + ".log");
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(launch.command()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot start " + launch.command() + ": " + e.getMessage(), e);
        }
        try {
            double startup = Double.NaN;
            while (true) {
                if (!process.isAlive()) {
                    throw PlaystreamException.permanent(name + " exited with " + process.exitValue() + ": "
                            + tail(log), null);
                }
                if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                    throw PlaystreamException.permanent(name + " did not drain " + topic + " in " + TIMEOUT, null);
                }
                if (Double.isNaN(startup) && stable(admin, group)) {
                    startup = BenchData.seconds(start);
                }
                if (committedToTheEnd(admin, group, ends)) {
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
            double seconds = BenchData.seconds(start);
            // read before stopping it: what the drain used, not the shutdown
            double cpu = process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
            long peakRss = MemoryProbe.peakRss(process.pid());
            process.destroy(); // SIGTERM: the sink leaves its group and prints what it stored
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw PlaystreamException.permanent(name + " did not stop within 60 s of SIGTERM", null);
            }
            if (ours) {
                requireEveryRecord(launch.store(), log);
            }
            return new Drain(seconds, Double.isNaN(startup) ? 0 : startup, cpu, peakRss);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaystreamException.retriable("interrupted while playstream sink ran", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            ListOffsetsResult result = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())));
            return result.all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaystreamException.retriable("interrupted while reading " + topic + "'s end offsets", e);
        } catch (ExecutionException e) {
            throw PlaystreamException.permanent("cannot read " + topic + "'s end offsets: " + e.getCause(), e);
        }
    }

    private static boolean stable(Admin admin, String group) throws InterruptedException {
        try {
            var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return description.groupState() == GroupState.STABLE && !description.members().isEmpty();
        } catch (ExecutionException e) {
            return false; // not there yet
        }
    }

    private static boolean committedToTheEnd(Admin admin, String group, Map<TopicPartition, Long> ends)
            throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata offset = committed.get(end.getKey());
                return end.getValue() == 0 || offset != null && offset.offset() >= end.getValue();
            });
        } catch (ExecutionException e) {
            return false;
        }
    }

    /**
     * Every record must be in the sink's folder, nothing lost and nothing twice: its bronze lines and
     * dead letters, counted in the files themselves (its own "Stopped" line may be cut off by the
     * JVM's exit after SIGTERM).
     */
    private void requireEveryRecord(Path store, Path log) {
        long lines = 0;
        try (java.util.stream.Stream<Path> files = Files.walk(store)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).toList()) {
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        for (int i = 0; i < n; i++) {
                            lines += buffer[i] == '\n' ? 1 : 0;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot count the lines in " + store + ": " + e.getMessage(), e);
        }
        if (lines != events) {
            throw PlaystreamException.permanent("playstream sink stored " + lines + " lines, not " + events + ": "
                    + tail(log), null);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        String text = read(log);
        return text.length() <= 2_000 ? text : text.substring(text.length() - 2_000);
    }
}
