package io.playstream.app.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.transform.NodeResult;
import io.playstream.transform.NodeStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    private final ConsoleProgress onScreen = ConsoleProgress.on(new PrintStream(drawn, true, StandardCharsets.UTF_8), 200);

    @Test
    void withoutATerminalOrWhenSwitchedOffNoBarIsShown() {
        // tests run without a console, as CI and a pipe into a file do
        assertThat(ConsoleProgress.forThisProcess(Map.of()).shown()).isFalse();
        assertThat(ConsoleProgress.forThisProcess(Map.of(ConsoleProgress.SWITCH_VARIABLE, "off")).shown()).isFalse();
        assertThat(ConsoleProgress.quiet().bar("load", 10, " objects")).isSameAs(Bar.NONE);
    }

    @Test
    void aQuietLoadPublishOrTransformListenerDrawsNothingAnywhere() {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (LoadProgress load = new LoadProgress(ConsoleProgress.quiet(), 1);
                PublishProgress publish = new PublishProgress(ConsoleProgress.quiet(), "publish", 5);
                NodeProgress nodes = new NodeProgress(ConsoleProgress.quiet())) {
            load.planned(3, 300);
            load.batchCommitted(3, 30, 300);
            publish.delivered(5, 0);
            nodes.started(1, 1, "stg_events");
            nodes.finished(1, 1, result("stg_events"));
        } finally {
            System.setErr(realErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theLoadBarCountsObjectsAndShowsRowsAndTheirRate() {
        try (LoadProgress load = new LoadProgress(onScreen, 1)) {
            load.planned(3, 300);
            load.batchCommitted(2, 1_500, 200);
            load.batchCommitted(1, 700, 100);
        }

        assertThat(screen()).contains("load", "3/3", " objects", "2,200 rows", "rows/s");
    }

    @Test
    void aLoadOfFewObjectsHasNoBar() {
        try (LoadProgress load = new LoadProgress(onScreen, 20)) {
            load.planned(3, 300);
            load.batchCommitted(3, 30, 300);
        }

        assertThat(drawn.size()).isZero();
    }

    @Test
    void thePublishBarCountsAcknowledgedEventsWithTheirRate() {
        try (PublishProgress publish = new PublishProgress(onScreen, "publish", 4)) {
            for (long sent = 1; sent <= 4; sent++) {
                publish.delivered(sent, 0);
            }
        }

        assertThat(screen()).contains("publish", "4/4", "events/s");
    }

    @Test
    void theTransformBarNamesTheNodeOfNWithItsStatusAndSeconds() {
        try (NodeProgress nodes = new NodeProgress(onScreen)) {
            nodes.started(1, 2, "stg_events");
            nodes.finished(1, 2, result("stg_events"));
            nodes.started(2, 2, "top_songs");
            nodes.finished(2, 2, result("top_songs"));
        }

        assertThat(screen()).contains("transform", "2/2", " nodes", "2 of 2 top_songs success 1.50 s");
    }

    @Test
    void aFinishedBarWipesItsLineSoTheTerminalKeepsOnlyThePlainLines() {
        try (Bar bar = onScreen.bar("sink", 2, " records")) {
            bar.stepTo(2);
        }

        String screen = drawn.toString(StandardCharsets.UTF_8);
        assertThat(screen).endsWith("\r").doesNotContain("\n");
        assertThat(screen.substring(screen.lastIndexOf("sink"))).as("the last drawing, then blanks over it")
                .matches("(?s)[^\r]*\r+ +\r+");
    }

    /** Everything drawn, each redraw starting with a carriage return. */
    private String screen() {
        return drawn.toString(StandardCharsets.UTF_8);
    }

    private static NodeResult result(String name) {
        Instant started = Instant.parse("2025-12-10T10:00:00Z");
        return new NodeResult("model.playstream." + name, "model", name, NodeStatus.SUCCESS, "OK", 10, null, started,
                started.plusMillis(1_500), "select 1", "silver." + name);
    }
}
