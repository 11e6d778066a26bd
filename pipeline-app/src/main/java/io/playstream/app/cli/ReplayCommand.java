package io.playstream.app.cli;

import io.playstream.objectstore.ObjectStore;
import io.playstream.objectstore.ObjectStores;
import io.playstream.replay.DeadLetterReplay;
import io.playstream.replay.QuarantineReplay;
import io.playstream.replay.QuarantineReport;
import io.playstream.replay.ReplayReport;
import io.playstream.stream.KafkaNotices;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.NoticeSink;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code playstream replay}: after the event contract widens, sends dead letters (or, with
 * {@code --quarantine}, silver's quarantined rows) through today's rules again. A dry run unless
 * {@code --apply}: "dry run first", as the rest of a replay cannot be taken back.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Judge dead letters (or, with --quarantine, silver's quarantined rows) again with today's rules.",
            "A dry run by default: says how many would now pass and how many still fail, by reason, and changes nothing.",
            "With --apply, dead letters that pass are written into bronze once (the next load loads them);",
            "quarantined rows that pass are taken in by rebuilding silver and its children from bronze (a full refresh)."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URI",
            description = "Object store whose dead-letter/ objects are replayed, which must exist: " + ObjectStores.FORMS)
    String store;

    @Option(names = "--quarantine", description = "Replay silver's quarantined rows (needs --warehouse) instead of dead letters.")
    boolean quarantine;

    @Option(names = "--warehouse", paramLabel = "URI", description = "With --quarantine: the warehouse, as for transform.")
    String warehouse;

    @Option(names = "--project", paramLabel = "DIR", description = "With --quarantine: the dbt project folder (default: ${DEFAULT-VALUE}).")
    Path project = TransformOptions.DEFAULT_PROJECT_DIR;

    @Option(names = "--vars", paramLabel = "YAML", description = "With --quarantine: project variables, as for transform.")
    String vars;

    @Option(names = "--target-path", paramLabel = "DIR", description = "With --quarantine: where the rebuild writes dbt's artifacts, as for transform.")
    Path targetPath;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "With --apply: also announce the replayed objects to continuous mode (the notice topic of each"
                    + " object's Kafka topic), so a running app loads them now rather than at its next catch-up load.")
    String bootstrap;

    @Option(names = "--apply", description = "Do it: write the dead letters that pass into bronze, or rebuild silver. Without it, a dry run.")
    boolean apply;

    @Override
    public Integer call() {
        checkOptions();
        return quarantine ? replayQuarantine() : replayDeadLetters();
    }

    private void checkOptions() {
        if (quarantine) {
            if (warehouse == null) {
                throw new ParameterException(spec.commandLine(), "--quarantine needs --warehouse");
            }
            if (store != null || bootstrap != null) {
                throw new ParameterException(spec.commandLine(),
                        "--store (and --bootstrap) replay dead letters, --quarantine the warehouse's quarantine: one at a time");
            }
            return;
        }
        if (store == null) {
            throw new ParameterException(spec.commandLine(), "--store is required (or --quarantine with --warehouse)");
        }
        if (bootstrap != null && !apply) {
            throw new ParameterException(spec.commandLine(), "--bootstrap announces what --apply writes: it needs --apply");
        }
        if (warehouse != null || vars != null || targetPath != null) {
            throw new ParameterException(spec.commandLine(),
                    "--warehouse, --vars and --target-path go with --quarantine; dead letters go to bronze, and `load` loads them");
        }
    }

    private int replayDeadLetters() {
        PrintWriter out = spec.commandLine().getOut();
        try (ObjectStore objects = ObjectStores.openExisting(store, System.getenv())) {
            DeadLetterReplay replay = new DeadLetterReplay(objects);
            ReplayReport report;
            if (!apply) {
                report = replay.dryRun();
            } else if (bootstrap == null) {
                report = replay.apply();
            } else {
                try (Announcers announcers = new Announcers(KafkaSettings.of(bootstrap))) {
                    report = replay.apply(announcers::of);
                }
            }
            out.print(describe(report));
            if (bootstrap != null) {
                out.println("announced " + (report.written().size() + report.unchanged().size())
                        + " bronze objects to continuous mode on " + bootstrap);
            }
            out.flush();
        }
        return 0;
    }

    /** One notice publisher per Kafka topic the replayed objects came from, closed together. */
    private static final class Announcers implements AutoCloseable {
        private final KafkaSettings kafka;
        private final Map<String, NoticeSink> byTopic = new java.util.HashMap<>();

        Announcers(KafkaSettings kafka) {
            this.kafka = kafka;
        }

        NoticeSink of(String topic) {
            return byTopic.computeIfAbsent(topic, t -> {
                KafkaNotices.ensureTopic(kafka, t);
                return KafkaNotices.publisher(kafka, t);
            });
        }

        @Override
        public void close() {
            byTopic.values().forEach(NoticeSink::close);
        }
    }

    private int replayQuarantine() {
        TransformOptions options = TransformOptions.of(project).withEnv(System.getenv()).withTargetPath(targetPath);
        if (vars != null) {
            options = options.withVars(vars);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse target = Warehouses.open(warehouse, System.getenv())) {
            QuarantineReplay replay = new QuarantineReplay(target, new TransformRunner(target, out::println), options);
            QuarantineReport report = apply ? replay.apply() : replay.dryRun();
            out.print(describe(report, apply));
            out.flush();
            return report.rebuild().map(RunSummary::succeeded).orElse(true) ? 0 : FailureHandler.FAILURE;
        }
    }

    static String describe(ReplayReport report) {
        StringBuilder text = new StringBuilder();
        text.append(report.applied() ? "" : "dry run: ").append(report.deadLetters()).append(" dead letters in ")
                .append(report.deadLetterObjects()).append(" dead-letter objects\n");
        text.append(report.applied() ? "passed now: " : "would pass now: ").append(report.passingCount())
                .append(byReason(report.passing())).append(", ")
                .append(report.applied() ? "written into " : "to be written into ").append(report.written().size())
                .append(" bronze objects (").append(report.unchanged().size()).append(" already there, unchanged)\n");
        if (report.applied()) {
            report.written().forEach(key -> text.append("  wrote ").append(key).append('\n'));
        }
        text.append("still failing: ").append(report.stillFailingCount()).append(byReason(report.stillFailing()))
                .append(", kept in dead-letter/\n");
        if (!report.unreadable().isEmpty()) {
            text.append("not read: ").append(report.unreadable().size()).append(" keys\n");
            report.unreadable().forEach(why -> text.append("  ").append(why).append('\n'));
        }
        text.append(report.applied()
                ? "`playstream load` (or run's catch-up load) loads the new objects\n"
                : "nothing written; --apply writes them\n");
        return text.toString();
    }

    static String describe(QuarantineReport report, boolean applied) {
        StringBuilder text = new StringBuilder();
        text.append(applied ? "" : "dry run: ").append(report.judged())
                .append(" quarantined rows judged (duplicate_event_id rows are not: no rule frees a second copy)\n");
        text.append(applied ? "passed now: " : "would pass now: ").append(report.passingCount())
                .append(byReason(report.passing())).append(", ").append(report.newEvents())
                .append(" of them new events for silver, the others copies of events it keeps\n");
        text.append("still failing: ").append(report.stillFailingCount()).append(byReason(report.stillFailing()))
                .append(", kept in silver.stg_events_quarantine\n");
        if (report.rebuild().isPresent()) {
            text.append(report.rebuild().get().succeeded() ? "rebuilt " : "rebuild FAILED: ")
                    .append(QuarantineReplay.REBUILD).append(" with a full refresh\n");
        } else if (report.passingCount() == 0) {
            text.append("nothing to rebuild\n");
        } else {
            text.append("nothing rebuilt; --apply rebuilds ").append(QuarantineReplay.REBUILD).append(" with a full refresh\n");
        }
        return text.toString();
    }

    private static String byReason(Map<String, Long> counts) {
        return counts.isEmpty() ? "" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
