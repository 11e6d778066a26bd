package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.app.config.ConfigLoader;
import io.playstream.app.config.PlaystreamConfig;
import io.playstream.app.run.AppServices;
import io.playstream.testing.ScratchPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gold API while its PostgreSQL warehouse turns sessions away, for real: the database's connection limit
 * is set to 0, so the server refuses the API's role (not a superuser, which the limit would not stop) with
 * SQLSTATE 53300, class 53 "insufficient resources", which {@code Failures} sorts as transient. The API then
 * answers 503 (clients try again later), and the same request answers 200 once the server takes sessions again.
 */
class GoldApiWarehouseOutageIT {

    private static final String TOKEN = "outage-" + UUID.randomUUID();

    @TempDir
    Path dataDir;

    @Test
    void theGoldApiAnswers503WhileTheWarehouseRefusesSessionsAnd200OnceItTakesThemAgain() {
        try (ScratchPostgres warehouse = ScratchPostgres.create("playstream_outage")) {
            String role = warehouse.name() + "_api";
            warehouse.update("create role " + role + " login",
                    "create schema gold",
                    "create table gold.top_songs (rank integer, song_id text, total_events bigint)",
                    "insert into gold.top_songs values (1, 'song-1', 42)",
                    "grant usage on schema gold to " + role,
                    "grant select on all tables in schema gold to " + role);
            try (AppServices app = start(warehouse.urlAs(role))) {
                HttpResponse<String> before = getTopSongs(app);
                assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
                assertThat(GoldApp.json(before).path("rows").get(0).path("song_id").asText()).isEqualTo("song-1");

                warehouse.update("alter database " + warehouse.name() + " connection limit 0");
                HttpResponse<String> during = getTopSongs(app);

                assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
                assertThat(during.headers().firstValue("Retry-After")).as("when to try again").hasValue("5");
                JsonNode error = GoldApp.json(during);
                assertThat(error.path("error").asText()).isEqualTo("unavailable");
                assertThat(error.path("reason").asText()).contains("try again later").doesNotContain("53300", "SQLException");

                warehouse.update("alter database " + warehouse.name() + " connection limit -1");
                HttpResponse<String> after = getTopSongs(app);

                assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
                assertThat(GoldApp.json(after).path("rows")).hasSize(1);
            } finally {
                warehouse.update("drop owned by " + role, "drop role " + role);
            }
        }
    }

    private AppServices start(String warehouseUrl) {
        Map<String, String> environment = Map.of("PLAYSTREAM_API_TOKEN", TOKEN, "PLAYSTREAM_SCHEDULE_LOAD", "off");
        PlaystreamConfig config = ConfigLoader.load(Optional.empty(), dataDir, environment, Map.of(
                "data-dir", dataDir.toString(), "http.port", "0", "jobs.port", "0", "warehouse", warehouseUrl));
        return AppServices.start(config, environment);
    }

    private static HttpResponse<String> getTopSongs(AppServices app) {
        return GoldApp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.apiPort() + "/api/v1/gold/top_songs"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN).build());
    }
}
