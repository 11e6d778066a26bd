package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.event.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartitionBatchTest {

    @Test
    void eachEventHourGetsOneFileKeyedByItsFirstOffset() {
        PartitionBatch batch = new PartitionBatch("spotify-events", 2);
        batch.addBronze(100, Instant.parse("2025-12-10T15:59:59Z"), bytes("a"));
        batch.addBronze(101, Instant.parse("2025-12-10T13:10:00Z"), bytes("late"));
        batch.addBronze(102, Instant.parse("2025-12-10T15:00:00Z"), bytes("b"));
        batch.addBronze(103, Instant.parse("2025-12-10T16:00:00Z"), bytes("c"));

        assertThat(batch.bronzeChunks().map(c -> c.key().value())).containsExactly(
                "bronze/date=2025-12-10/hour=15/spotify-events+2+0000000000000000100.jsonl.gz",
                "bronze/date=2025-12-10/hour=13/spotify-events+2+0000000000000000101.jsonl.gz",
                "bronze/date=2025-12-10/hour=16/spotify-events+2+0000000000000000103.jsonl.gz");
        assertThat(new String(batch.bronzeChunks().findFirst().orElseThrow().body(), StandardCharsets.UTF_8))
                .isEqualTo("a\nb\n");
        assertThat(batch.nextOffset()).isEqualTo(104);
    }

    @Test
    void deadLettersAreFiledByRecordDateAndCountTowardsTheCommit() {
        PartitionBatch batch = new PartitionBatch("spotify-events", 0);
        batch.addBronze(5, Instant.parse("2025-12-10T15:00:00Z"), bytes("{}"));
        batch.addDeadLetter(6, Instant.parse("2025-12-11T00:00:01Z"), null, bytes("x"), RejectReason.NOT_JSON, "x");

        assertThat(batch.deadLetterChunks().map(c -> c.key().value()))
                .containsExactly("dead-letter/date=2025-12-11/spotify-events+0+0000000000000000006.jsonl.gz");
        assertThat(batch.nextOffset()).isEqualTo(7);
    }

    @Test
    void offsetsThatGoBackwardsAreABug() {
        PartitionBatch batch = new PartitionBatch("spotify-events", 0);
        batch.addBronze(5, Instant.parse("2025-12-10T15:00:00Z"), bytes("{}"));
        assertThatThrownBy(() -> batch.addBronze(4, Instant.parse("2025-12-10T15:00:00Z"), bytes("{}")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
