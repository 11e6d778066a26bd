package io.playstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataIntervalTest {

    @Test
    void parsesInstantsWithAnyOffsetIntoUtc() {
        DataInterval interval = DataInterval.parse("2025-12-10T16:00:00+01:00", "2025-12-10T16:00:00Z");

        assertThat(interval.start()).isEqualTo(Instant.parse("2025-12-10T15:00:00Z"));
        assertThat(interval.end()).isEqualTo(Instant.parse("2025-12-10T16:00:00Z"));
    }

    @Test
    void rejectsAnIntervalThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> DataInterval.parse("2025-12-10T16:00:00Z", "2025-12-10T15:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start must be before end");
    }

    @Test
    void rejectsAnEmptyInterval() {
        Instant at = Instant.parse("2025-12-10T16:00:00Z");
        assertThatThrownBy(() -> new DataInterval(at, at)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsTextThatIsNotAnInstant() {
        assertThatThrownBy(() -> DataInterval.parse("yesterday", "2025-12-10T15:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval start");
    }

    @Test
    void aLoadThatBroughtNothingIsNotWorthATransform() {
        assertThat(new StageReport("load", Map.of(StageReport.OBJECTS_LOADED, 0L), "nothing new").loadedAnything()).isFalse();
        assertThat(new StageReport("load", Map.of(StageReport.ROWS_LOADED, 5L), "5 rows").loadedAnything()).isTrue();
    }

    @Test
    void runIdsDependOnlyOnTheIdempotencyKey() {
        assertThat(PipelineRuns.runIdFor("dag+run-1")).isEqualTo(PipelineRuns.runIdFor("dag+run-1"))
                .isNotEqualTo(PipelineRuns.runIdFor("dag+run-2"));
        assertThatThrownBy(() -> PipelineRuns.runIdFor(" ")).hasMessageContaining("idempotency_key");
    }

    @Test
    void schedulesAreCronExpressionsOrIsoDurations() {
        PipelineRuns.validateSchedule("0 * * * *");
        PipelineRuns.validateSchedule("PT1H");
        assertThatThrownBy(() -> PipelineRuns.validateSchedule("hourly")).hasMessageContaining("'hourly'");
    }
}
