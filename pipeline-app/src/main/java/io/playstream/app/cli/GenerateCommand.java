package io.playstream.app.cli;

import io.playstream.app.progress.Bar;
import io.playstream.app.progress.ConsoleProgress;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.EventMix;
import io.playstream.generate.EventSink;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.NdjsonSink;
import io.playstream.generate.Pacer;
import io.playstream.generate.Replay;
import io.playstream.generate.SimulatorConfig;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playstream generate}: realistic listening events from the seeded simulator, or the lines of
 * a file replayed as they are, written as newline-delimited JSON to a file or stdout. The
 * destination is {@link #openSink()}: one more kind (Kafka) is one more branch there.
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generates realistic listening events (or replays a file's lines) as newline-delimited JSON.")
public final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", paramLabel = "N",
            description = "Events to write, duplicates included; 0: no end, real time only (default: ${DEFAULT-VALUE}).")
    long events = SimulatorConfig.DEFAULT_EVENTS;

    @Option(names = "--seed", paramLabel = "S", description = "The same seed writes the same events (default: ${DEFAULT-VALUE}).")
    long seed = SimulatorConfig.DEFAULT_SEED;

    @Option(names = "--rate", paramLabel = "R",
            description = "Events sent per second (also with --from/--to); 0: as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate = SimulatorConfig.DEFAULT_RATE;

    @Option(names = "--from", paramLabel = "ISO",
            description = "Start of a simulated time range (backfill): 2025-12-01, 2025-12-01T06:00 (UTC) or 2025-12-01T06:00:00Z.")
    Instant from;

    @Option(names = "--to", paramLabel = "ISO", description = "End of the simulated time range (exclusive), as --from.")
    Instant to;

    @Option(names = "--listeners", paramLabel = "N", description = "Listeners in the catalogue (default: ${DEFAULT-VALUE}).")
    int listeners = SimulatorConfig.DEFAULT_LISTENERS;

    @Option(names = "--songs", paramLabel = "N", description = "Songs in the catalogue (default: ${DEFAULT-VALUE}).")
    int songs = SimulatorConfig.DEFAULT_SONGS;

    @Option(names = "--late-share", paramLabel = "X",
            description = "Share of events sent minutes to hours late, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double lateShare = SimulatorConfig.DEFAULT_LATE_SHARE;

    @Option(names = "--duplicate-share", paramLabel = "X",
            description = "Share of events sent twice, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double duplicateShare = SimulatorConfig.DEFAULT_DUPLICATE_SHARE;

    @Option(names = "--event-mix", paramLabel = "MIX",
            description = "Chances per track, e.g. skip=0.25,pause=0.1,add_to_playlist=0.05 (default: ${DEFAULT-VALUE}).")
    String eventMix = EventMix.DEFAULT.toString();

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Send this file's lines exactly as they are instead of generating (paced by --rate, capped by --events when given).")
    Path replay;

    @Option(names = "--out", paramLabel = "FILE|-", description = "Where to write: a file, or - for stdout.")
    String out;

    @CommandLine.Mixin
    PublishSupport kafka;

    @Override
    public Integer call() {
        SimulatorConfig config = replay == null ? config() : null;
        if (replay != null && !Files.isReadable(replay)) {
            throw usage("--replay " + replay + " is not a readable file");
        }
        // the catalogue first: its build is start-up, not part of the events/s
        ListenerSimulator simulator = config == null ? null : ListenerSimulator.create(config);
        if (kafka.isSelected()) {
            return publish(simulator);
        }
        // events on the terminal's stdout and a bar on its stderr would scramble each other
        ConsoleProgress console = "-".equals(out) ? ConsoleProgress.quiet() : ConsoleProgress.forThisProcess(System.getenv());
        Progress progress = new Progress(spec.commandLine().getErr(), console, expectedEvents());
        try (StopOnShutdown stop = new StopOnShutdown()) {
            long sent;
            try (EventSink sink = openSink()) {
                sent = simulator == null ? replay(sink) : generate(simulator, sink, progress, stop);
            }
            progress.summary(sent, out);
        }
        return 0;
    }

    /** To Kafka: the simulated stream (stopping on SIGTERM) or the replayed file's lines unchanged. */
    private int publish(ListenerSimulator simulator) {
        if (out != null) {
            throw usage("--out and --bootstrap exclude each other (write to a file or publish to Kafka)");
        }
        if (simulator == null) {
            return kafka.replay(replay);
        }
        try (StopOnShutdown stop = new StopOnShutdown()) {
            Iterator<ListeningEvent> events = simulator.iterator();
            return kafka.publish(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return !stop.requested() && events.hasNext();
                }

                @Override
                public ListeningEvent next() {
                    return events.next();
                }
            }, expectedEvents());
        }
    }

    /** For the progress bar: the events asked for, -1 when the stream has no end (or replays a file). */
    private long expectedEvents() {
        return replay == null && events > 0 ? events : -1;
    }

    /** The file destination. */
    private EventSink openSink() {
        if (out == null) {
            throw usage("--out or --bootstrap is required (accepted: a file path, - for stdout, or HOST:PORT)");
        }
        if (out.equals("-")) {
            return new NdjsonSink(new KeepOpen(System.out), "stdout");
        }
        Path path = Path.of(out);
        try {
            return new NdjsonSink(Files.newOutputStream(path), path.toString());
        } catch (IOException e) {
            throw usage("--out " + out + " cannot be written: " + e.getMessage());
        }
    }

    private long generate(ListenerSimulator simulator, EventSink sink, Progress progress, StopOnShutdown stop) {
        long sent = 0;
        for (Iterator<ListeningEvent> it = simulator.iterator(); it.hasNext() && !stop.requested(); ) {
            sink.send(it.next());
            sent++;
            if ((sent & 0x3FF) == 0 || rate > 0) {
                progress.tick(sent);
            }
        }
        return sent;
    }

    private long replay(EventSink sink) {
        boolean capped = spec.commandLine().getParseResult().hasMatchedOption("--events") && events > 0;
        return Replay.lines(replay, sink, pacer(), capped ? events : Long.MAX_VALUE);
    }

    private Pacer pacer() {
        try {
            return new Pacer(rate);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
    }

    private SimulatorConfig config() {
        try {
            return SimulatorConfig.builder().seed(seed).events(events).rate(rate).listeners(listeners).songs(songs)
                    .lateShare(lateShare).duplicateShare(duplicateShare).eventMix(EventMix.parse(eventMix))
                    .timeRange(from, to).build();
        } catch (IllegalArgumentException e) {
            // the config names its keys as the options are named, without the dashes
            throw usage(e.getMessage().startsWith("--") ? e.getMessage() : "--" + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A progress bar on a terminal (events, events/s); the summary line on stderr always. */
    private static final class Progress {
        private final PrintWriter err;
        private final Bar bar;
        private final long start = System.nanoTime();

        Progress(PrintWriter err, ConsoleProgress console, long expected) {
            this.err = err;
            this.bar = console.bar("generate", expected, " events");
        }

        void tick(long sent) {
            bar.stepTo(sent);
        }

        void summary(long sent, String destination) {
            bar.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "generate: events=%d seconds=%.2f events_per_s=%.0f out=%s%n",
                    sent, seconds, sent / Math.max(seconds, 1e-9), destination);
            err.flush();
        }
    }

    /**
     * Ends an endless run (no --events) cleanly on SIGTERM or Ctrl-C: the loop stops, the sink
     * flushes whole lines, then the JVM exits.
     */
    private static final class StopOnShutdown implements AutoCloseable {
        private static final long GRACE_MS = 5_000;

        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook = new Thread(this::stopAndWait, "generate-shutdown");
        private volatile boolean requested;

        StopOnShutdown() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        boolean requested() {
            return requested;
        }

        private void stopAndWait() {
            requested = true;
            try {
                finished.await(GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running and now returns
            }
        }
    }

    /** Stdout is not ours to close: closing the sink only flushes it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
