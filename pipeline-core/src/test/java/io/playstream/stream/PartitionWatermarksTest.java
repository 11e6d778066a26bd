package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionWatermarksTest {

    private static final Instant NOW = Instant.parse("2025-12-10T15:30:00Z");
    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);
    private final PartitionWatermarks watermarks = new PartitionWatermarks(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCaughtUpPartitionWithNothingPendingIsCompleteUpToWhenItWasLastCaughtUp() {
        watermarks.observed(P0, 0);

        assertThat(watermarks.current(Map.of())).containsExactly(Map.entry("events+0", NOW));
    }

    @Test
    void anUncommittedEventHoldsItsPartitionsWatermarkAtItsEventTime() {
        watermarks.observed(P0, 0);
        watermarks.observed(P1, 0);
        Instant pending = NOW.minusSeconds(3);

        assertThat(watermarks.current(Map.of(P0, pending, P1, NOW.plusSeconds(1))))
                .containsEntry("events+0", pending).containsEntry("events+1", NOW);
    }

    @Test
    void aPartitionNeverReadToItsEndOrGivenUpHasNoWatermark() {
        watermarks.observed(P0, 12);
        watermarks.observed(P1, 0);
        watermarks.forget(List.of(P1));

        assertThat(watermarks.current(Map.of())).isEmpty();
    }

    @Test
    void aRecordFromBeforeItsPartitionWasLastCaughtUpIsLateAndDoesNotHoldTheWatermarkBack() {
        watermarks.observed(P0, 0);
        PartitionBatch batch = new PartitionBatch("events", 0, watermarks.lateBefore(P0));

        batch.addBronze(1, NOW.minusSeconds(7200), "late".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        batch.addBronze(2, NOW.minusSeconds(2), "on time".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(watermarks.lateBefore(P0)).isEqualTo(NOW.minus(PartitionWatermarks.ALLOWED_LATENESS));
        assertThat(batch.earliestEventTime()).isEqualTo(NOW.minusSeconds(2));
        assertThat(watermarks.current(Map.of(P0, batch.earliestEventTime()))).containsEntry("events+0", NOW.minusSeconds(2));
    }

    @Test
    void aPartitionWhoseOpenBatchWasReadBeforeItCaughtUpHasNoWatermarkUntilTheBatchIsCommitted() {
        FlushBuffer open = new FlushBuffer(new MessageCheck(), watermarks::lateBefore, new BlockPool(0));
        open.add(new ConsumerRecord<>("events", 0, 1, null, event(NOW.minusSeconds(7200))));
        watermarks.observed(P0, 0);

        assertThat(open.earliestEventTimes()).containsExactly(Map.entry(P0, PartitionWatermarks.NOT_JUDGED));
        assertThat(watermarks.current(open.earliestEventTimes())).isEmpty();

        FlushBuffer next = new FlushBuffer(new MessageCheck(), watermarks::lateBefore, new BlockPool(0));
        next.add(new ConsumerRecord<>("events", 0, 2, null, event(NOW.minusSeconds(7200))));
        next.add(new ConsumerRecord<>("events", 0, 3, null, event(NOW.minusSeconds(2))));

        assertThat(watermarks.current(next.earliestEventTimes())).containsExactly(Map.entry("events+0", NOW.minusSeconds(2)));
    }

    private static byte[] event(Instant at) {
        return ("{\"event_id\":\"e\",\"timestamp\":\"" + at + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void noticesMergeIntoOneMicroBatchWithEachKeyOnceAndTheLatestWatermarks() {
        BronzeNotice first = new BronzeNotice(List.of("a", "b"), Map.of("events+0", NOW));
        BronzeNotice second = new BronzeNotice(List.of("b", "c"), Map.of("events+0", NOW.minusSeconds(1), "events+1", NOW));

        BronzeNotice merged = BronzeNotice.merge(List.of(first, BronzeNotice.fromJson(second.toJson())));

        assertThat(merged.keys()).containsExactly("a", "b", "c");
        assertThat(merged.watermarks()).containsEntry("events+0", NOW).containsEntry("events+1", NOW);
    }
}
