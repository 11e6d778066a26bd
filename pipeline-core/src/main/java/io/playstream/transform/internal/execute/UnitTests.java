package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.NodeResult;
import io.playstream.transform.NodeStatus;
import io.playstream.transform.internal.graph.UnitTestNode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A unit test's step in a build: skipped when a model it reads failed, reused when nothing that
 * decides its outcome changed since it last passed ({@link UnitTestRun#reuseKey}), else run. Its result is dbt's: {@code pass}, or {@code fail} with
 * one failure and the difference as the message, or {@code error}.
 */
final class UnitTests {

    private final UnitTestRun run;
    private final BuildState state;

    UnitTests(UnitTestRun run, BuildState state) {
        this.run = run;
        this.state = state;
    }

    /**
     * @param broken models that failed or were skipped in this run
     * @param parents the built models the tested model reads
     */
    NodeResult run(UnitTestNode test, int index, DbtLog log, Set<String> broken, Set<String> parents) {
        Instant started = Instant.now();
        if (parents.stream().anyMatch(broken::contains)) {
            log.done(index, "SKIP unit_test " + test.displayName(), "SKIP");
            return result(test, NodeStatus.SKIPPED, null, -1, null, started, null);
        }
        log.start(index, "unit_test " + test.displayName());
        String sql = null;
        try {
            // decided before rendering or asking the warehouse anything: a micro-batch pays a hash
            String checksum = run.reuseKey(test);
            if (state.reusable(test.uniqueId(), checksum, Map.of())) {
                log.done(index, "OK reused unit_test " + test.displayName() + " (no change)", "REUSED in " + took(started));
                return result(test, NodeStatus.PASS, NodeResult.REUSED, -1, 0L, started, null);
            }
            UnitTestRun.Prepared prepared = run.prepare(test);
            sql = prepared.sql();
            UnitTestRun.Outcome outcome = run.run(prepared);
            if (outcome.passed()) {
                state.passed(test.uniqueId(), checksum, Map.of());
                log.done(index, "PASS " + test.displayName(), "PASS in " + took(started));
                return result(test, NodeStatus.PASS, null, outcome.rows(), 0L, started, sql);
            }
            log.done(index, "FAIL 1 " + test.displayName(), "FAIL 1 in " + took(started));
            log.line("  " + outcome.diff().replace("\n", "\n  "));
            return result(test, NodeStatus.FAIL, outcome.diff(), outcome.rows(), 1L, started, sql);
        } catch (PlaystreamException e) {
            if (e.isRetriable()) {
                throw e; // the connection is gone: the run ends, as for a model
            }
            log.done(index, "ERROR " + test.displayName(), "ERROR in " + took(started));
            String message = "An error occurred during execution of unit test '" + test.name() + "'. There may be an error in the"
                    + " unit test definition: check the data types.\n " + e.getMessage();
            log.line("  " + message.replace("\n", "\n  "));
            return result(test, NodeStatus.ERROR, message, -1, null, started, sql);
        }
    }

    private static NodeResult result(UnitTestNode test, NodeStatus status, String message, long rows, Long failures, Instant started,
            String sql) {
        return new NodeResult(test.uniqueId(), "unit_test", test.name(), status, message, rows, failures, started, Instant.now(), sql, null);
    }

    private static String took(Instant started) {
        return DbtLog.seconds((Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
    }
}
