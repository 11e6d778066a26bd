package io.playstream.transform.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.transform.internal.project.MicrobatchConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which batches a run builds, as dbt 1.11's MicrobatchBuilder chooses them (its build_start_time / build_end_time). */
class MicrobatchBatchTest {

    static final Instant NOW = Instant.parse("2026-12-06T23:28:14Z");

    private static List<String> starts(ChronoUnit size, int lookback, boolean rebuild, Instant now, String start, String end) {
        MicrobatchConfig config = new MicrobatchConfig("t", size, lookback, Instant.parse("2026-10-15T10:00:00Z"));
        return MicrobatchBatch.of(config, rebuild, now, Optional.ofNullable(start).map(s -> MicrobatchConfig.instant(s, "start")),
                Optional.ofNullable(end).map(e -> MicrobatchConfig.instant(e, "end"))).stream().map(b -> MicrobatchBatch.sql(b.start())).toList();
    }

    @Test
    void aLaterRunBuildsTheCurrentBatchAndLookbackBatchesBeforeIt() {
        assertThat(starts(ChronoUnit.DAYS, 1, false, NOW, null, null))
                .containsExactly("2026-12-05 00:00:00+00:00", "2026-12-06 00:00:00+00:00");
        assertThat(starts(ChronoUnit.HOURS, 2, false, NOW, null, null))
                .containsExactly("2026-12-06 21:00:00+00:00", "2026-12-06 22:00:00+00:00", "2026-12-06 23:00:00+00:00");
        // now on a batch boundary: dbt's ceiling is now itself and it looks back one batch more
        assertThat(starts(ChronoUnit.DAYS, 1, false, Instant.parse("2026-12-07T00:00:00Z"), null, null))
                .containsExactly("2026-12-05 00:00:00+00:00", "2026-12-06 00:00:00+00:00");
    }

    @Test
    void aNewRelationBuildsEveryBatchFromBeginTruncatedToItsBatch() {
        assertThat(starts(ChronoUnit.MONTHS, 1, true, NOW, null, null))
                .containsExactly("2026-10-01 00:00:00+00:00", "2026-11-01 00:00:00+00:00", "2026-12-01 00:00:00+00:00");
        assertThat(starts(ChronoUnit.YEARS, 1, true, NOW, null, null)).containsExactly("2026-01-01 00:00:00+00:00");
    }

    @Test
    void eventTimeStartAndEndChooseTheBatchesOfABackfill() {
        assertThat(starts(ChronoUnit.DAYS, 1, false, NOW, "2026-12-04", "2026-12-05 12:00:00"))
                .containsExactly("2026-12-04 00:00:00+00:00", "2026-12-05 00:00:00+00:00");
        assertThat(starts(ChronoUnit.DAYS, 1, false, NOW, "2026-12-04T06:00:00Z", "2026-12-05"))
                .containsExactly("2026-12-04 00:00:00+00:00");
        // an end alone: lookback counts back from it
        assertThat(starts(ChronoUnit.DAYS, 1, false, NOW, null, "2026-12-03")).containsExactly("2026-12-01 00:00:00+00:00", "2026-12-02 00:00:00+00:00");
    }

    @Test
    void theBatchIdIsItsStartAsDbtFormatsIt() {
        MicrobatchBatch hour = new MicrobatchBatch(Instant.parse("2026-12-04T16:00:00Z"), Instant.parse("2026-12-04T17:00:00Z"), ChronoUnit.HOURS);
        assertThat(hour.id()).isEqualTo("20261204T16");
        assertThat(hour.isoPair()).containsExactly("2026-12-04T16:00:00+00:00", "2026-12-04T17:00:00+00:00");
        assertThat(hour.modelVariable()).isEqualTo(java.util.Map.of("batch", java.util.Map.of("event_time_start", "2026-12-04 16:00:00+00:00",
                "event_time_end", "2026-12-04 17:00:00+00:00", "id", "20261204T16")));
    }
}
