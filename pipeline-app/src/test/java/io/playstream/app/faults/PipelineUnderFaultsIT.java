package io.playstream.app.faults;

import static io.playstream.app.faults.FaultFigures.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.testing.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection suite (issue #10): {@code playstream run} as a real process in continuous
 * mode (the micro-batch loop loading what the sink announces and transforming, beside a recurring
 * catch-up load every 10 s), busy with a known stream, while the test kills it hard at random points
 * (one of them mid-transform), stops the Kafka broker, takes the object
 * store away, terminates its warehouse sessions mid-load and mid-transform, and starts the same
 * load from the API and the schedule at once. Then: bronze holds every sent message exactly once,
 * silver every distinct event once, gold equals counts taken from the sent events, no job is left
 * PROCESSING or FAILED, and the app's memory stayed bounded.
 *
 * <p>The random points come from one seed ({@code -Dplaystream.faults.seed=N}, printed at the start),
 * so a failing order of faults can be replayed. The soak variant repeats the rounds for as long as
 * {@code -Dplaystream.soak=PT30M} says; see RELIABILITY.md for the command.
 */
class PipelineUnderFaultsIT {

    private static final long SEED = FaultRun.SEED;
    private static final Optional<Duration> SOAK = FaultRun.SOAK;
    private static final Intensity INTENSITY = SOAK.isPresent() ? Intensity.SOAK : Intensity.CI;
    /** -Xmx384m plus metaspace, threads and buffers: a leak or an unbounded buffer breaks through this. */
    private static final long MAX_RESIDENT_KIB = 1024 * 1024;
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    /**
     * How hard the faults press. CI: one round of every fault kind, at a pace and with outages that
     * fit a few minutes on a shared 2-core machine. Soak: the original pace, longer outages, more
     * kills per round, rounds repeated for as long as asked.
     *
     * @param busyMillis         the least and the spread of the busy time before each fault
     * @param brokerDownMillis   the least and the spread of a broker outage
     * @param storeDownMillis    the least and the spread of a store outage
     * @param randomKillsPerRound SIGKILLs at random points per round (one more always comes mid-transform)
     */
    record Intensity(double eventsPerSecond, int[] busyMillis, int[] brokerDownMillis, int[] storeDownMillis,
                     int randomKillsPerRound) {
        static final Intensity CI = new Intensity(250, new int[] {1_000, 2_000}, new int[] {3_000, 3_000},
                new int[] {4_000, 4_000}, 1);
        static final Intensity SOAK = new Intensity(800, new int[] {2_000, 5_000}, new int[] {4_000, 6_000},
                new int[] {8_000, 8_000}, 3);

        int pick(int[] range, Random random) {
            return range[0] + random.nextInt(range[1]);
        }
    }

    @Test
    void everySentEventSurvivesKillsAndOutagesExactlyOnce() throws Exception {
        runRounds(Duration.ZERO);
    }

    /** {@code mvn -pl pipeline-app -am verify -Dit.test=PipelineUnderFaultsIT -Dplaystream.soak=PT30M}. */
    @Test
    @EnabledIfSystemProperty(named = "playstream.soak", matches = "P.+")
    void soakKeepsEveryEventExactlyOnce() throws Exception {
        runRounds(SOAK.orElseThrow());
    }

    /** One round of every fault, then more rounds until {@code soak} has passed; then the checks. */
    private void runRounds(Duration soak) throws Exception {
        Random random = new Random(SEED);
        long started = System.nanoTime();
        long until = started + soak.toNanos();
        int rounds = 0;
        try (FaultRig rig = FaultRig.start(dir, SEED, INTENSITY.eventsPerSecond())) {
            try {
                Faults faults = new Faults(rig, random);
                do {
                    rounds++;
                    rig.figures.note("round %d", rounds);
                    faults.oneOfEach();
                } while (System.nanoTime() < until);
                checkNothingLostOrDuplicated(rig);
            } finally {
                FaultRun.keep(rig.figures, "", started, rounds, dir.resolve("logs"));
            }
        }
    }

    private void checkNothingLostOrDuplicated(FaultRig rig) throws Exception {
        SentLedger sent = rig.producer.stop();
        rig.figures.note("sent messages=%d distinct events=%d duplicate sends=%d late events=%d", sent.messages(),
                sent.distinctEvents(), sent.duplicateSends(), sent.lateEvents());
        assertThat(sent.duplicateSends()).as("the stream has duplicate sends").isPositive();
        assertThat(sent.lateEvents()).as("the stream has late events").isPositive();
        rig.app.jvm().assertAlive();

        Duration drained = Await.elapsed(DRAIN_TIMEOUT, () -> rowsOrZero(rig), rows -> rows >= sent.messages());
        rig.figures.note("bronze caught up %s after the last send", seconds(drained));
        String finalRun = rig.app.postRun("pipeline", "final-" + SEED);
        try {
            rig.app.awaitSucceeded(finalRun, DRAIN_TIMEOUT);
        } catch (AssertionError e) {
            rig.probe.sessions().forEach(session -> rig.figures.note("warehouse session: %s", session));
            throw e;
        }

        Recount.assertExactlyOnce(sent, rig.probe, rig.figures);
        // the micro-batches' incremental gold equals a full refresh of the same bronze
        rig.app.awaitSucceeded(rig.app.postRun("transform", "full-refresh-" + SEED, ", \"full_refresh\": true"), DRAIN_TIMEOUT);
        Recount.assertExactlyOnce(sent, rig.probe, rig.figures);
        rig.figures.note("gold after a full refresh of the same bronze: equal");

        long maxKib = rig.maxResidentKib();
        rig.figures.note("app memory: max VmRSS %d MiB over %d incarnations (heap %s)", maxKib / 1024,
                rig.app.jvm().incarnations(), FaultRig.APP_HEAP);
        assertThat(maxKib).isPositive().isLessThan(MAX_RESIDENT_KIB);

        // the last kill's orphaned transform: JobRunr reruns it once the killed server has timed out
        Duration orphansRerun = rig.app.awaitNoOrphanedJobs(DRAIN_TIMEOUT);
        rig.figures.note("no job left PROCESSING by a killed incarnation %s after the checks", seconds(orphansRerun));
        // a JVM ended by SIGTERM exits 128 + 15 once its shutdown hooks have run; the app's hook logs its end
        assertThat(rig.app.jvm().stop(Duration.ofMinutes(1))).as("exit status after SIGTERM").isEqualTo(143);
        assertThat(java.nio.file.Files.readString(rig.app.jvm().log())).as("clean stop on SIGTERM").contains("Playstream stopped");
        Map<String, Long> jobs = jobStates(rig);
        rig.figures.note("JobRunr jobs by state after the clean stop: %s", jobs);
        assertThat(jobs).doesNotContainKeys("PROCESSING", "FAILED");
        assertThat(jobs.get("SUCCEEDED")).isPositive();
    }

    private static long rowsOrZero(FaultRig rig) {
        try {
            return rig.probe.bronzeRows();
        } catch (SQLException e) {
            return 0;
        }
    }

    private static Map<String, Long> jobStates(FaultRig rig) throws SQLException {
        try (Connection h2 = DriverManager.getConnection(rig.jobStoreUrl());
                Statement sql = h2.createStatement()) {
            return io.playstream.app.testing.SimulatorCounts.perKey(sql, "select state, count(*) from jobrunr_jobs group by state");
        }
    }

    /** The faults, each injected while the stream keeps flowing; the random points come from the seed. */
    private static final class Faults {
        private final FaultRig rig;
        private final Random random;

        Faults(FaultRig rig, Random random) {
            this.rig = rig;
            this.random = random;
        }

        /** Every fault kind; the random kills spread between the others (one after the first, the rest later). */
        void oneOfEach() throws Exception {
            int kills = INTENSITY.randomKillsPerRound();
            killAtRandomPoint();
            brokerOutage();
            if (kills > 1) {
                killAtRandomPoint();
            }
            storeOutage();
            terminateWarehouseSession("mid-load", WarehouseProbe.LOAD_STATEMENT);
            for (int i = 2; i < kills; i++) {
                killAtRandomPoint();
            }
            terminateWarehouseSession("mid-transform", WarehouseProbe.TRANSFORM_STATEMENT);
            sameLoadFromApiAndSchedule();
            killMidTransform();
        }

        /** Busy for a random while of the stream flowing, loads and transforms running. */
        private void busy() {
            rig.app.jvm().assertAlive();
            ChildJvm.pause(INTENSITY.pick(INTENSITY.busyMillis(), random));
        }

        private void killAtRandomPoint() {
            busy();
            rig.app.jvm().kill();
            Duration restart = rig.app.start();
            rig.figures.fault("sigkill", "app killed at a random point; restarted, API up in %s", seconds(restart));
        }

        /** SIGKILL while a transform (the micro-batch loop's) is running: the loop after the restart sees gold behind and runs it again. */
        private void killMidTransform() throws SQLException {
            busy();
            Optional<WarehouseProbe.Session> running = rig.probe.awaitStatement(WarehouseProbe.TRANSFORM_STATEMENT,
                    Duration.ofSeconds(60));
            rig.app.jvm().kill();
            Duration restart = rig.app.start();
            rig.figures.fault("sigkill", "app killed %s; restarted, API up in %s",
                    running.map(s -> "mid-transform during: " + s.statement()).orElse("(no transform seen in 60 s)"),
                    seconds(restart));
            assertThat(running).as("a transform was running when the app was killed").isPresent();
        }

        private void brokerOutage() {
            busy();
            long acknowledged = rig.producer.acknowledged();
            long started = System.nanoTime();
            rig.broker.stop(Duration.ofMinutes(1));
            ChildJvm.pause(INTENSITY.pick(INTENSITY.brokerDownMillis(), random));
            rig.broker.start(java.util.regex.Pattern.compile("Kafka broker listening"), Duration.ofMinutes(2));
            Duration outage = Duration.ofNanos(System.nanoTime() - started);
            Duration resumed = Await.elapsed(Duration.ofMinutes(2), rig.producer::acknowledged, n -> n > acknowledged);
            rig.figures.fault("broker-restart", "broker stopped (SIGTERM) and restarted: down %s, sends acknowledged again %s later",
                    seconds(outage), seconds(resumed));
        }

        private void storeOutage() {
            busy();
            long rows = rowsOrZero(rig);
            Duration length = Duration.ofMillis(INTENSITY.pick(INTENSITY.storeDownMillis(), random));
            rig.store.begin();
            ChildJvm.pause(length.toMillis());
            rig.store.end();
            Duration recovered = Await.elapsed(Duration.ofMinutes(2), () -> rowsOrZero(rig), n -> n > rows);
            rig.figures.fault("store-outage", "object store unavailable for %s; new rows in the warehouse %s after it returned",
                    seconds(length), seconds(recovered));
        }

        private void terminateWarehouseSession(String when, String statement) throws SQLException {
            busy();
            Optional<WarehouseProbe.Session> cut = rig.probe.terminateWhileRunning(statement, Duration.ofSeconds(60));
            rig.figures.fault("pg_terminate_backend", "%s: %s", when, cut.map(WarehouseProbe.Session::statement).orElse("nothing seen in 60 s"));
            assertThat(cut).as("a warehouse session was terminated " + when).isPresent();
        }

        /** The API posts a load (twice, the same key) on the very second the recurring load fires. */
        private void sameLoadFromApiAndSchedule() throws Exception {
            busy();
            long now = Instant.now().toEpochMilli();
            long nextFire = (now / 1000 / FaultRig.LOAD_EVERY_SECONDS + 1) * FaultRig.LOAD_EVERY_SECONDS * 1000;
            ChildJvm.pause(nextFire - now); // aims at the schedule's next second: the collision is the fault, not a wait for something
            String key = "same-moment-" + nextFire;
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> rig.app.postRun("load", key));
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> rig.app.postRun("load", key));
            assertThat(first.get()).isEqualTo(second.get());
            boolean waited = false;
            for (int i = 0; i < 100 && !waited; i++) {
                waited = rig.probe.aLoadWaitsForTheLock();
                ChildJvm.pause(20);
            }
            Map<String, String> run = rig.app.awaitSucceeded(first.get(), Duration.ofMinutes(2));
            rig.figures.fault("concurrent-load", "API load (posted twice, one run) at the schedule's second: %s after %s attempt(s)%s",
                    run.get("state"), run.get("attempts"), waited ? ", a second load was seen waiting for the load lock" : "");
        }
    }
}
