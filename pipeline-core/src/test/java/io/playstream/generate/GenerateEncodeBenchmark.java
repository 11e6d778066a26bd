package io.playstream.generate;

import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Iterator;

/**
 * How fast the simulator generates and encodes events on one thread (a main, not a test: tests do
 * not assert timings). Run from the worktree root:
 *
 * <pre>
 * mvn -B -q -o -pl pipeline-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp pipeline-core/target/test-classes:pipeline-core/target/classes:$(cat pipeline-core/target/cp.txt) \
 *     io.playstream.generate.GenerateEncodeBenchmark [events per round] [rounds] [listeners and songs]
 * </pre>
 *
 * Prints events per second for generating alone and for generating plus encoding, per round, by
 * wall clock and by the thread's CPU time (the fairer figure on a shared machine); the first
 * rounds are warm-up for the JIT.
 */
public final class GenerateEncodeBenchmark {

    private GenerateEncodeBenchmark() {
    }

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int catalogueSize = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        ListenerSimulator simulator = ListenerSimulator.create(SimulatorConfig.builder()
                .events(events).listeners(catalogueSize).songs(catalogueSize)
                .timeRange(java.time.Instant.parse("2025-12-01T00:00:00Z"), java.time.Instant.parse("2025-12-08T00:00:00Z"))
                .build());
        EventCodec codec = new EventCodec();
        CountingSink sink = new CountingSink();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long checksum = 0;
            for (Iterator<ListeningEvent> it = simulator.iterator(); it.hasNext(); ) {
                checksum += it.next().eventId().length();
            }
            double generateWall = events / ((System.nanoTime() - wall) / 1e9);
            double generateCpu = events / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            sink.bytes = 0;
            wall = System.nanoTime();
            cpu = threads.getCurrentThreadCpuTime();
            for (Iterator<ListeningEvent> it = simulator.iterator(); it.hasNext(); ) {
                codec.encodeTo(it.next(), sink);
                sink.write('\n');
            }
            double bothWall = events / ((System.nanoTime() - wall) / 1e9);
            double bothCpu = events / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            System.out.printf("round=%d generate: %.0f events/s (wall) %.0f (cpu); generate+encode: %.0f events/s"
                    + " (wall) %.0f (cpu); %.1f bytes/event, check=%d%n", round, generateWall, generateCpu,
                    bothWall, bothCpu, (double) sink.bytes / events, checksum);
        }
    }

    /** Counts bytes, so the encoder's output is not optimised away and no I/O is measured. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
