package io.playstream.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplersTest {

    @Test
    void anAliasTableDrawsInProportionToTheWeights() {
        AliasTable table = new AliasTable(new double[] {1, 0, 3, 6});
        SplittableRandom random = new SplittableRandom(3);
        int[] counts = new int[4];
        for (int i = 0; i < 100_000; i++) {
            counts[table.sample(random)]++;
        }
        assertThat(counts[0] / 100_000.0).isCloseTo(0.1, offset(0.01));
        assertThat(counts[1]).isZero();
        assertThat(counts[2] / 100_000.0).isCloseTo(0.3, offset(0.01));
        assertThat(counts[3] / 100_000.0).isCloseTo(0.6, offset(0.01));
    }

    @Test
    void anAliasTableRefusesWeightsThatDrawNothing() {
        assertThatThrownBy(() -> new AliasTable(new double[] {0, 0})).hasMessageContaining("positive");
        assertThatThrownBy(() -> new AliasTable(new double[] {1, -1})).hasMessageContaining(">= 0");
    }

    @Test
    void zipfSharesFallAsOneOverRank() {
        ZipfSampler zipf = new ZipfSampler(1_000, 1.0);
        assertThat(zipf.share(0) / zipf.share(9)).isCloseTo(10, offset(1e-9));
    }

    @Test
    void descendingOrderPutsTheLargestFirstAndEqualValuesInIndexOrder() {
        assertThat(CatalogueBuilder.descendingOrder(new double[] {0.5, 2, 0, 2, 1e-9}))
                .containsExactly(1, 3, 0, 4, 2);
    }

    @Test
    void theWeekendStartsSaturdayAtMidnightUtc() {
        long saturday = java.time.Instant.parse("2025-12-06T00:00:00Z").getEpochSecond() * 1_000_000L;
        assertThat(DailyRhythm.utcHourOfWeek(saturday)).isEqualTo(DailyRhythm.WEEKEND_START);
        assertThat(DailyRhythm.utcHourOfWeek(saturday - 1)).isEqualTo(DailyRhythm.WEEKEND_START - 1);
        // Monday 00:30 in Tokyo is Sunday 15:30 UTC
        assertThat(DailyRhythm.localHourOfWeek(DailyRhythm.HOURS_PER_WEEK - 9, 9 * 60)).isZero();
    }

    @Test
    void theSimulatedClockIsDenserInTheEveningAndStaysInItsRange() {
        java.time.Instant from = java.time.Instant.parse("2025-12-01T00:00:00Z");
        // one zone at UTC, a Monday: activity is the weekday's local rhythm itself
        SimulatedClock clock = new SimulatedClock(from, from.plusSeconds(86_400), 100_000,
                DailyRhythm::weeklyActivity, 9);
        int[] byHour = new int[24];
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 100_000; i++) {
            long micros = clock.nextMicros();
            assertThat(micros).isGreaterThanOrEqualTo(previous);
            previous = micros;
            byHour[EventClock.utcHour(micros)]++;
        }
        assertThat(previous).isLessThan((from.getEpochSecond() + 86_400) * 1_000_000L);
        assertThat(byHour[19]).isGreaterThan(8 * byHour[4]);
    }
}
