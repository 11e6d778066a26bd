package io.playstream.jobs.testing;

import io.playstream.jobs.PipelineRuns;
import io.playstream.jobs.RunState;
import io.playstream.jobs.RunView;
import io.playstream.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Waits until JobRunr holds no run that waits (enqueued, scheduled) or runs. Every execution starts from such a
 * run, so from then on nothing more executes: counts of executions (the warehouse's audit) are final, and a test
 * that a duplicate never ran can assert them at once instead of sleeping "long enough".
 */
public final class NoRunLeft {

    private NoRunLeft() {
    }

    /** Returns when no run of {@code runs} waits or runs; fails after {@code timeout} with those still left. */
    public static void await(PipelineRuns runs, Duration timeout) {
        Await.await(timeout, () -> left(runs), List::isEmpty);
    }

    private static List<String> left(PipelineRuns runs) {
        return Stream.of(RunState.ENQUEUED, RunState.PROCESSING)
                .flatMap(state -> runs.recent(Optional.of(state), 0, 100).stream())
                .map(NoRunLeft::describe)
                .toList();
    }

    private static String describe(RunView run) {
        return run.runId() + " " + run.state();
    }
}
