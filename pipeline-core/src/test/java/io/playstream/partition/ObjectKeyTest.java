package io.playstream.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeyTest {

    @Test
    void bronzeKeyIsFiledUnderTheEventsUtcHourWithAPaddedOffset() {
        BronzeKey key = BronzeKey.of("spotify-events", 3, 42, Instant.parse("2025-12-10T23:59:59.999Z"),
                Compression.GZIP);
        assertThat(key.value())
                .isEqualTo("bronze/date=2025-12-10/hour=23/spotify-events+3+0000000000000000042.jsonl.gz");
    }

    @Test
    void eventTimeWithAnOffsetIsFiledInUtc() {
        Instant sentAsLocalMidnight = java.time.OffsetDateTime.parse("2025-12-11T00:30:00+02:00").toInstant();
        BronzeKey key = BronzeKey.of("t", 0, 0, sentAsLocalMidnight, Compression.ZSTD);
        assertThat(key.value()).isEqualTo("bronze/date=2025-12-10/hour=22/t+0+0000000000000000000.jsonl.zst");
    }

    @Test
    void bronzeKeyParsesBackToItself() {
        BronzeKey key = new BronzeKey("spotify-events", 11, Long.MAX_VALUE, LocalDate.of(2025, 1, 2), 7, Compression.GZIP);
        assertThat(BronzeKey.parse(key.value())).contains(key);
        assertThat(ObjectKey.parse(key.value())).contains(key);
    }

    @Test
    void bronzeKeyKnowsItsHour() {
        BronzeKey key = BronzeKey.of("t", 0, 0, Instant.parse("2025-12-10T15:26:25Z"), Compression.GZIP);
        assertThat(key.hourStart()).isEqualTo(Instant.parse("2025-12-10T15:00:00Z"));
        assertThat(key.startsWithin(Instant.parse("2025-12-10T15:00:00Z"), Instant.parse("2025-12-10T16:00:00Z")))
                .isTrue();
        assertThat(key.startsWithin(Instant.parse("2025-12-10T16:00:00Z"), Instant.parse("2025-12-10T17:00:00Z")))
                .isFalse();
    }

    @Test
    void deadLetterKeyIsDatedAndParsesBack() {
        DeadLetterKey key = DeadLetterKey.of("spotify-events", 0, 7, Instant.parse("2025-12-10T15:26:25Z"));
        assertThat(key.value()).isEqualTo("dead-letter/date=2025-12-10/spotify-events+0+0000000000000000007.jsonl.gz");
        assertThat(ObjectKey.parse(key.value())).contains(key);
    }

    @Test
    void everyObjectOfTheOriginalsBucketIsALegacyBronzeKey() throws IOException {
        Path bucket = Fixtures.seedBucket();
        List<String> keys;
        try (Stream<Path> files = Files.walk(bucket)) {
            keys = files.filter(Files::isRegularFile)
                    .map(f -> bucket.relativize(f).toString().replace('\\', '/'))
                    .toList();
        }
        assertThat(keys).hasSize(71);
        for (String key : keys) {
            assertThat(ObjectKey.parse(key)).as(key).get().isInstanceOf(LegacyBronzeKey.class);
            assertThat(ObjectKey.parse(key).get().value()).isEqualTo(key);
        }
    }

    @Test
    void legacyKeyCarriesTheOriginalsFolderAndWallClock() {
        LegacyBronzeKey key = LegacyBronzeKey.parse(
                "bronze/date=2025-12-10/hour=15/spotify_events_2025-12-10T15-33-28.json").orElseThrow();
        assertThat(key.date()).isEqualTo(LocalDate.of(2025, 12, 10));
        assertThat(key.hour()).isEqualTo(15);
        assertThat(key.writtenAt()).isEqualTo(LocalDateTime.of(2025, 12, 10, 15, 33, 28));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bronze/date=2025-12-10/hour=15/../../../etc/passwd",
        "bronze/date=2025-12-10/hour=15/..%2F..%2Fx+0+0000000000000000000.jsonl.gz",
        "/bronze/date=2025-12-10/hour=15/t+0+0000000000000000000.jsonl.gz",
        "bronze/date=2025-12-10/hour=15//t+0+0000000000000000000.jsonl.gz",
        "bronze\\date=2025-12-10\\hour=15\\t+0+0000000000000000000.jsonl.gz",
        "bronze/date=2025-12-10/hour=15/t+0+0000000000000000000.jsonl.gz\n",
        "bronze/date=2025-12-10/hour=24/t+0+0000000000000000000.jsonl.gz",
        "bronze/date=2025-02-30/hour=10/t+0+0000000000000000000.jsonl.gz",
        "bronze/date=2025-12-10/hour=15/t+0+42.jsonl.gz",
        "bronze/date=2025-12-10/hour=15/t+0+9999999999999999999.jsonl.gz",
        "bronze/date=2025-12-10/hour=15/a+b+0+0000000000000000000.jsonl.gz",
        "bronze/date=2025-12-10/hour=15/t+0+0000000000000000000.jsonl",
        "bronze/date=2025-12-10/hour=15/./t+0+0000000000000000000.jsonl.gz",
        "dead-letter/date=2025-12-10/../t+0+0000000000000000000.jsonl.gz",
        "",
    })
    void keysThatAreNotOursOrCouldEscapeAreRefused(String key) {
        assertThat(ObjectKey.parse(key)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a+b", "white space", "caf\u00e9"})
    void invalidTopicsAreRefusedByName(String topic) {
        assertThatThrownBy(() -> BronzeKey.of(topic, 0, 0, Instant.EPOCH, Compression.GZIP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic");
    }

    @Test
    void unsafeKeysAreNamedInTheError() {
        assertThatThrownBy(() -> ObjectKeys.requireSafe("a/../b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/../b");
        assertThat(ObjectKeys.isSafe("bronze/date=2025-12-10/hour=15/x.json")).isTrue();
    }
}
