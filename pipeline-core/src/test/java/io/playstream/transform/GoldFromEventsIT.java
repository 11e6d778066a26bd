package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.DecodeResult;
import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import io.playstream.testing.Fixtures;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original pipeline's fixture events built by the real project on DuckDB: listening sessions
 * (30-minute gap: count, start, end, length, plays, skips) and engagement per listener, UTC day,
 * device and country equal what plain Java computes from the same events.
 */
class GoldFromEventsIT {

    @TempDir
    Path dir;

    @Test
    void sessionsAndDailyEngagementEqualAJavaComputationFromTheFixtureEvents() throws Exception {
        Warehouse duckdb = JdbcWarehouse.duckdb(dir.resolve("warehouse.duckdb"));
        try (Connection c = duckdb.connect()) {
            BronzeFixture.loadDuckDb(c, BronzeFixture.events().orElseThrow());
        }
        List<String> log = new ArrayList<>();
        RunSummary summary = new TransformRunner(duckdb, log::add)
                .run(TransformOptions.of(DbtProjectIT.projectDir()).withTargetPath(dir.resolve("target")));
        assertThat(summary.succeeded()).as(String.join("\n", log)).isTrue();

        EventCodec codec = new EventCodec();
        List<ListeningEvent> events = new ArrayList<>();
        for (byte[] line : Fixtures.seedEventLines()) {
            if (codec.decode(line) instanceof DecodeResult.Decoded decoded) {
                events.add(decoded.event());
            }
        }
        GoldFromEvents expected = new GoldFromEvents(events);
        assertThat(expected.eventCount()).isEqualTo(710);
        assertThat(expected.sessions()).hasSize(20);
        assertThat(GoldChecks.sessions(duckdb)).containsExactlyInAnyOrderElementsOf(expected.sessions());
        assertThat(GoldChecks.userEngagement(duckdb)).containsExactlyInAnyOrderElementsOf(expected.userEngagement());
        GoldChecks.assertDurationsMatchStartAndEnd(duckdb);
    }
}
