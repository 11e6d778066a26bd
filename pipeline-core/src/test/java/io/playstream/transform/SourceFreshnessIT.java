package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.transform.internal.artifact.DbtSchemas;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transform --freshness} on the repository's project, whose bronze source warns after 2
 * hours without a new row and errors after 24: sources.json as dbt writes it, valid against dbt's
 * sources v3 schema, on DuckDB.
 */
class SourceFreshnessIT {

    @TempDir
    Path dir;

    @Test
    void bronzeIsFreshThenStaleThenPastItsErrorThreshold() throws Exception {
        Warehouse warehouse = JdbcWarehouse.duckdb(dir.resolve("warehouse.duckdb"));
        execute(warehouse, "create schema bronze", BronzeFixture.createTable());
        TransformOptions options = TransformOptions.of(DbtProjectIT.projectDir()).withTargetPath(dir.resolve("target"));
        List<String> log = new ArrayList<>();

        loadedAgo(warehouse, Duration.ofMinutes(10));
        FreshnessRun fresh = new TransformRunner(warehouse, log::add).freshness(options);
        loadedAgo(warehouse, Duration.ofHours(3));
        FreshnessRun stale = new TransformRunner(warehouse, log::add).freshness(options);
        JsonNode staleJson = new ObjectMapper().readTree(stale.sourcesJson().toFile());
        loadedAgo(warehouse, Duration.ofHours(30));
        FreshnessRun late = new TransformRunner(warehouse, log::add).freshness(options);

        assertThat(fresh.results()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(FreshnessStatus.PASS));
        assertThat(fresh.succeeded()).isTrue();
        assertThat(stale.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(FreshnessStatus.WARN);
            assertThat(r.ageSeconds()).isBetween(3 * 3600.0, 4 * 3600.0);
        });
        assertThat(stale.succeeded()).as("a warning does not fail the run").isTrue();
        assertThat(late.results()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(FreshnessStatus.ERROR));
        assertThat(late.succeeded()).isFalse();
        assertThat(staleJson.at("/results/0/unique_id").asText()).isEqualTo("source.playstream.bronze.spotify_events");
        assertThat(staleJson.at("/results/0/criteria/warn_after/period").asText()).isEqualTo("hour");
        assertThat(DbtSchemas.errors(staleJson)).as("sources.json against dbt's sources v3 schema").isEmpty();
        assertThat(DbtSchemas.errors(late.sourcesJson())).isEmpty();
        assertThat(log).contains("1 of 1 WARN freshness of bronze.spotify_events (" + Math.round(stale.results().get(0).ageSeconds()) + " s old)");
    }

    private static void loadedAgo(Warehouse warehouse, Duration age) throws Exception {
        String loadedAt = LocalDateTime.now(ZoneOffset.UTC).minus(age).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        execute(warehouse, "delete from bronze.spotify_events",
                "insert into bronze.spotify_events (event_id, _line_number, _loaded_at) values ('e1', 1, timestamp '" + loadedAt + "')");
    }

    private static void execute(Warehouse warehouse, String... statements) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
