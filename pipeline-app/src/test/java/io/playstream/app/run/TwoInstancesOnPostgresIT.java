package io.playstream.app.run;

import static io.playstream.jobs.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.jobs.testing.CountingStages;
import io.playstream.jobs.testing.ScratchPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code playstream run} instances configured with {@code jobs.storage} on one PostgreSQL
 * database and one recurring load: they share the schedule, and every due run executes once.
 */
class TwoInstancesOnPostgresIT {

    @TempDir
    Path dataDir;

    @Test
    void bothInstancesShareOneScheduleAndEachRunExecutesOnce() {
        CountingStages first = new CountingStages().loadNothing(); // seam stand-in until the core stages are merged
        CountingStages second = new CountingStages().loadNothing(); // seam stand-in until the core stages are merged
        try (ScratchPostgres database = ScratchPostgres.create("playstream_app_it")) {
            try (AppServices one = AppServices.start(config(database, "one"), first);
                 AppServices two = AppServices.start(config(database, "two"), second)) {
                await(Duration.ofSeconds(60), () -> first.count("load") + second.count("load"), n -> n >= 3);
            }

            List<CountingStages.Call> calls = new ArrayList<>(first.calls());
            calls.addAll(second.calls());
            Map<UUID, Long> callsPerRun = calls.stream().collect(Collectors.groupingBy(CountingStages.Call::jobId, Collectors.counting()));
            assertThat(callsPerRun).hasSizeGreaterThanOrEqualTo(3);
            assertThat(callsPerRun.values()).allMatch(n -> n == 1);
        }
    }

    private PlaystreamConfig config(ScratchPostgres database, String instance) {
        return ConfigLoader.load(Optional.empty(), dataDir, Map.of(
                        "PLAYSTREAM_JOBS_STORAGE", database.url(),
                        "PLAYSTREAM_SCHEDULE_LOAD", "PT5S"),
                Map.of("data-dir", dataDir.resolve(instance).toString(), "http.port", "0", "jobs.port", "-1"));
    }
}
