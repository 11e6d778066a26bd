package io.playstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Power BI kit ({@code pipeline-app/src/main/resources/powerbi}): every {@code .pbids} file is
 * a data source file as Microsoft documents it, pointing at a gold table, the stack's PostgreSQL or
 * a Snowflake placeholder; the model and the dbt exposure name every gold table.
 */
class PowerBiKitTest {

    private static final Path ROOT = ComposeStackTest.repositoryRoot();
    private static final Path KIT = ROOT.resolve("pipeline-app/src/main/resources/powerbi");
    private static final Set<String> MODES = Set.of("Import", "DirectQuery");

    @Test
    void everyPbidsFileIsADataSourceFileWithTheRequiredFields() throws IOException {
        List<Path> files = pbidsFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        Set<String> protocols = new TreeSet<>();
        for (Path file : files) {
            JsonNode document = new ObjectMapper().readTree(file.toFile());
            assertThat(document.path("version").asText()).as(file + " version").isEqualTo("0.1");
            JsonNode connections = document.path("connections");
            assertThat(connections.isArray() && !connections.isEmpty()).as(file + " connections").isTrue();
            for (JsonNode connection : connections) {
                String protocol = connection.path("details").path("protocol").asText();
                JsonNode address = connection.path("details").path("address");
                assertThat(address.isObject() && !address.isEmpty()).as(file + " address").isTrue();
                assertThat(connection.path("mode").asText()).as(file + " mode").isIn(MODES);
                assertAddress(file, protocol, address);
                protocols.add(protocol);
            }
        }
        assertThat(protocols).containsExactlyInAnyOrder("http", "postgresql", "snowflake");
    }

    @Test
    void webConnectionReadsAGoldTableFromTheLocalApiAsCsv() throws IOException {
        URI url = URI.create(connection("http").path("details").path("address").path("url").asText());
        assertThat(url.getScheme() + "://" + url.getAuthority()).isEqualTo("http://127.0.0.1:8080");
        assertThat(url.getPath()).startsWith("/api/v1/gold/");
        assertThat(goldModels()).contains(url.getPath().substring("/api/v1/gold/".length()));
        assertThat(url.getQuery()).contains("format=csv");
        assertThat(connection("http").path("mode").asText()).isEqualTo("Import");
    }

    @Test
    void postgresConnectionMatchesTheDockerStack() throws IOException {
        JsonNode address = connection("postgresql").path("details").path("address");
        String composeFile = Files.readString(ROOT.resolve("compose/docker-compose.yml"));
        assertThat(composeFile).contains("\"" + address.path("server").asText() + ":5432\"");
        assertThat(composeFile).contains("jdbc:postgresql://postgres:5432/" + address.path("database").asText() + "?");
    }

    @Test
    void modelAndExposureCoverEveryGoldTable() throws IOException {
        Set<String> gold = goldModels();
        assertThat(gold).hasSize(15);
        String model = Files.readString(KIT.resolve("MODEL.md"));
        assertThat(model).contains(gold.stream().map(name -> "`" + name + "`").toList());
        // the two figures the original report got wrong: distinct listeners, skip rate as a ratio of sums
        assertThat(model).contains("Listeners = DISTINCTCOUNT ( user_engagement[user_id] )",
                "DIVIDE ( SUM ( user_engagement[skips] ), SUM ( user_engagement[plays] ) + SUM ( user_engagement[skips] ) )");
        // the listening page's figures: one grain at a time, and listeners never summed across periods
        assertThat(model).contains("Streams = CALCULATE ( SUM ( top_songs_by_period[streams] ), top_songs_by_period[period_grain] = \"day\" )",
                "Retention = DIVIDE ( SUM ( retention_cohorts[active_listeners] ), SUM ( retention_cohorts[cohort_listeners] ) )");

        Map<String, Object> exposures = ComposeStackTest.yaml().load(Files.readString(ROOT.resolve("dbt/models/exposures.yml")));
        Map<String, Object> report = ComposeStackTest.map(ComposeStackTest.list(exposures.get("exposures")).get(0));
        assertThat(report.get("type")).isEqualTo("dashboard");
        assertThat(report).containsKeys("maturity", "owner", "description");
        assertThat(ComposeStackTest.list(report.get("depends_on")))
                .containsExactlyInAnyOrderElementsOf(gold.stream().map(name -> "ref('" + name + "')").toList());
    }

    private static void assertAddress(Path file, String protocol, JsonNode address) {
        switch (protocol) {
            case "http" -> assertThat(address.path("url").asText()).as(file + " url").startsWith("http");
            case "postgresql", "snowflake" -> {
                assertThat(address.path("server").asText()).as(file + " server").isNotBlank();
                assertThat(address.path("database").asText()).as(file + " database").isNotBlank();
            }
            default -> throw new AssertionError(file + ": unexpected protocol " + protocol);
        }
    }

    private static JsonNode connection(String protocol) throws IOException {
        for (Path file : pbidsFiles()) {
            for (JsonNode connection : new ObjectMapper().readTree(file.toFile()).path("connections")) {
                if (protocol.equals(connection.path("details").path("protocol").asText())) {
                    return connection;
                }
            }
        }
        throw new AssertionError("no .pbids connection with protocol " + protocol);
    }

    private static List<Path> pbidsFiles() throws IOException {
        try (Stream<Path> files = Files.list(KIT)) {
            return files.filter(f -> f.toString().endsWith(".pbids")).sorted().toList();
        }
    }

    private static Set<String> goldModels() throws IOException {
        Map<String, Object> models = ComposeStackTest.yaml().load(Files.readString(ROOT.resolve("dbt/models/gold/_models.yml")));
        Set<String> names = new TreeSet<>();
        ComposeStackTest.list(models.get("models")).forEach(m -> names.add((String) ComposeStackTest.map(m).get("name")));
        return names;
    }
}
