package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.transform.internal.artifact.ManifestWriter;
import io.playstream.transform.internal.artifact.RelationNames;
import io.playstream.transform.internal.artifact.RunMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code transform --ls} on the repository's dbt project against what real dbt-core 1.11.14
 * printed for {@code dbt ls} with the same arguments: the expectations in
 * {@code dbt-ls/dbt-1.11-ls.txt} were recorded from real dbt, not from the runner.
 * {@link RealDbtConformanceIT} asks a real dbt again when one is on hand.
 */
class DbtListTest {

    @TempDir
    Path dir;

    /** One recorded invocation: dbt's arguments and the lines it printed. */
    record Case(String args, List<String> dbtPrinted) {
        @Override
        public String toString() {
            return args;
        }
    }

    static Stream<Case> recordedByDbt() throws IOException {
        return recorded("/dbt-ls/dbt-1.11-ls.txt").stream();
    }

    private static List<Case> recorded(String resource) throws IOException {
        String text = new String(Objects.requireNonNull(DbtListTest.class.getResourceAsStream(resource))
                .readAllBytes(), StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        String args = null;
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("$ ")) {
                if (args != null) {
                    cases.add(new Case(args, lines));
                }
                args = line.substring(2);
                lines = new ArrayList<>();
            } else if (args != null && !line.isBlank()) {
                lines.add(line);
            }
        }
        cases.add(new Case(args, lines));
        return cases;
    }

    @ParameterizedTest(name = "dbt ls {0}")
    @MethodSource("recordedByDbt")
    void listsWhatDbtLists(Case recorded) {
        assertThat(DbtList.run(runner(), DbtProjectIT.projectDir(), recorded.args())).containsExactlyElementsOf(recorded.dbtPrinted());
    }

    @Test
    void jsonOutputCarriesDbtsKeys() {
        List<String> lines = DbtList.run(runner(), DbtProjectIT.projectDir(), "--select int_song_hours --resource-type model --output json");
        // dbt 1.11.14 printed these keys, in this order, for the same node
        assertThat(lines).singleElement().asString().startsWith("{\"name\":\"int_song_hours\",\"resource_type\":\"model\","
                + "\"package_name\":\"playstream\",\"original_file_path\":\"models/intermediate/int_song_hours.sql\","
                + "\"unique_id\":\"model.playstream.int_song_hours\",\"alias\":\"int_song_hours\",\"config\":");
    }

    @Test
    void anUnknownMethodFailsAtOnceNamingTheMethodsThereAre() {
        // dbt 1.11.14: "Runtime Error  'foo' is not a valid method name"
        assertThatThrownBy(() -> DbtList.run(runner(), DbtProjectIT.projectDir(), "--select foo:bar"))
                .hasMessageContaining("'foo' is not a valid method name").hasMessageContaining("supported: fqn, tag,");
        assertThatThrownBy(() -> DbtList.run(runner(), DbtProjectIT.projectDir(), "--select metric:revenue"))
                .hasMessageContaining("'metric' is not implemented by the runner");
        assertThatThrownBy(() -> DbtList.run(runner(), DbtProjectIT.projectDir(), "--select unit_test:a.b.c"))
                .hasMessageContaining("Invalid unit test selector value \"a.b.c\"");
        assertThatThrownBy(() -> DbtList.run(runner(), DbtProjectIT.projectDir(), "--selector nightly"))
                .hasMessageContaining("Could not find selector named nightly, expected one of [] (the project has no selectors.yml)");
        assertThatThrownBy(() -> DbtList.run(runner(), DbtProjectIT.projectDir(), "--select test_type:odd"))
                .hasMessageContaining("expected \"generic\", \"singular\", \"unit\", or \"data\"");
        assertThatThrownBy(() -> DbtList.run(runner(), DbtProjectIT.projectDir(), "--select @stg_events+"))
                .hasMessageContaining("\"@\" prefix and \"+\" suffix are incompatible");
        assertThatThrownBy(() -> DbtList.run(runner(), DbtProjectIT.projectDir(), "--select state:modified"))
                .hasMessageContaining("needs --state DIR");
    }

    @Test
    void aCriterionMatchingNothingIsAnErrorWhereDbtOnlyWarns() {
        // dbt 1.11.14 printed nothing for `dbt ls --select int_song_*` (its fqn globs match from the
        // package or the first folder on) and warned; the runner refuses the typo instead
        assertThatThrownBy(() -> DbtList.run(runner(), DbtProjectIT.projectDir(), "--select int_song_*"))
                .hasMessageContaining("The selection criterion 'int_song_*' does not match any enabled model");
        assertThat(DbtList.run(runner(), DbtProjectIT.projectDir(), "--select *.int_song_* --resource-type model --output name"))
                .containsExactly("int_song_days", "int_song_first_listens", "int_song_hours", "int_song_listener_days",
                        "int_song_listeners");
    }

    /**
     * The same two changes made to the project for real dbt and the runner, each comparing with its own
     * earlier manifest: a model's code and a macro one model calls. dbt 1.11.14's lists are in
     * {@code dbt-ls/dbt-1.11-ls-state.txt}.
     */
    @Test
    void stateModifiedFindsChangedCodeAndMacrosAsDbtDoes() throws IOException {
        Path project = SampleProject.copy(DbtProjectIT.projectDir(), dir.resolve("project"),
                p -> !p.startsWith("target") && !p.startsWith("dbt_packages") && !p.startsWith("logs"));
        Path state = dir.resolve("state");
        TransformOptions options = TransformOptions.of(project);
        ManifestWriter.write(state, new RunMetadata("earlier", Instant.now(), Instant.now(), "playstream", "duckdb"),
                runner().compile(options), new RelationNames("duckdb", "playstream"), List.of());
        Files.writeString(project.resolve("models/gold/top_songs.sql"), "\n-- a changed body\n", StandardOpenOption.APPEND);
        Path macro = project.resolve("macros/seconds_between.sql");
        Files.writeString(macro, Files.readString(macro).replace("{% macro seconds_between(start_at, end_at) -%}",
                "{% macro seconds_between(start_at, end_at) -%}{#- changed -#}"));

        List<Case> cases = recorded("/dbt-ls/dbt-1.11-ls-state.txt");
        assertThat(cases).hasSize(5);
        for (Case recorded : cases) {
            assertThat(DbtList.run(runner(), project, recorded.args() + " --state " + state)).as(recorded.args())
                    .containsExactlyElementsOf(recorded.dbtPrinted());
        }
    }

    /**
     * YAML selectors (selectors.yml: CLI-style strings, key-value pairs, full criteria with graph
     * flags and exclude, union, intersection, method selector, default: true) and unit_test:, on a
     * copy of the project with {@code dbt-ls/selectors.yml}; dbt 1.11.14's lists are in
     * {@code dbt-ls/dbt-1.11-ls-selectors.txt}.
     */
    @Test
    void yamlSelectorsAndUnitTestSelectionListWhatDbtLists() throws IOException {
        Path project = withSelectors(new String(Objects.requireNonNull(DbtListTest.class.getResourceAsStream("/dbt-ls/selectors.yml"))
                .readAllBytes(), StandardCharsets.UTF_8));

        List<Case> cases = recorded("/dbt-ls/dbt-1.11-ls-selectors.txt");
        assertThat(cases).hasSize(12);
        for (Case recorded : cases) {
            assertThat(DbtList.run(runner(), project, recorded.args())).as(recorded.args()).containsExactlyElementsOf(recorded.dbtPrinted());
        }
    }

    @Test
    void aSelectorsFileDbtWouldRefuseIsRefusedNamingWhy() throws IOException {
        Path twoDefaults = withSelectors("""
                selectors:
                  - {name: a, default: true, definition: 'tag:powerbi'}
                  - {name: b, default: true, definition: 'stg_events'}
                """);
        assertThatThrownBy(() -> DbtList.run(runner(), twoDefaults, "--select stg_events"))
                .hasMessageContaining("Found multiple selectors with `default: true`: a and b");
        Path later = withSelectors("""
                selectors:
                  - {name: a, definition: {method: selector, value: b}}
                  - {name: b, definition: 'stg_events'}
                """);
        assertThatThrownBy(() -> DbtList.run(runner(), later, "--selector a")).hasMessageContaining("Existing selector definition for b not found");
        assertThatThrownBy(() -> DbtList.run(runner(), later, "--selector c")).hasMessageContaining("Could not find selector named c");
        Path odd = withSelectors("""
                selectors:
                  - {name: a, definition: {method: tag, value: powerbi, parent: true}}
                  - {name: c, definition: {method: tag, value: powerbi, indirect_selection: cautious}}
                """);
        // dbt ignores a key it does not know; the runner refuses it (a typo would widen the selection in silence)
        assertThatThrownBy(() -> DbtList.run(runner(), odd, "--selector a")).hasMessageContaining("unknown keys [parent]");
        assertThatThrownBy(() -> DbtList.run(runner(), odd, "--selector c")).hasMessageContaining("indirect_selection 'cautious'");
        Path both = withSelectors("""
                selectors:
                  - {name: b, definition: {union: ['tag:powerbi'], intersection: ['stg_events']}}
                """);
        assertThatThrownBy(() -> DbtList.run(runner(), both, "--select stg_events")).hasMessageContaining("Only a single 'union' or 'intersection' key");
    }

    private Path withSelectors(String yaml) throws IOException {
        Path project = SampleProject.copy(DbtProjectIT.projectDir(), dir.resolve("project-" + System.nanoTime()),
                p -> !p.startsWith("target") && !p.startsWith("dbt_packages") && !p.startsWith("logs"));
        Files.writeString(project.resolve("selectors.yml"), yaml);
        return project;
    }

    /** {@code result:} reads --state's run_results.json; {@code source_status:fresher} compares two sources.json. */
    @Test
    void resultAndSourceStatusReadTheEarlierRunsArtifacts() throws IOException {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(state.resolve("run_results.json"), """
                {"results": [{"unique_id": "model.playstream.stg_events", "status": "error"},
                             {"unique_id": "model.playstream.top_songs", "status": "success"}]}
                """);
        Files.writeString(state.resolve("sources.json"), sources("2026-12-06T10:00:00Z"));
        Files.writeString(target.resolve("sources.json"), sources("2026-12-06T11:00:00Z"));
        Path project = DbtProjectIT.projectDir();
        TransformOptions options = TransformOptions.of(project).withTargetPath(target).withState(state);
        assertThat(runner().list(options.withSelect("result:error"), List.of("model"), NodeListing.NAME)).containsExactly("stg_events");
        assertThat(runner().list(options.withSelect("result:error+1"), List.of("model"), NodeListing.NAME))
                .containsExactly("int_listened_events", "int_listener_hours", "int_song_days", "int_song_first_listens",
                        "int_song_hours", "int_song_listeners", "listening_sessions", "stg_events", "stg_events_quarantine",
                        "user_engagement");
        assertThat(runner().list(options.withSelect("source_status:fresher+1"), List.of("model", "source"), NodeListing.NAME))
                .containsExactly("int_load_batches", "stg_events", "stg_events_quarantine", "bronze.spotify_events");
        Files.writeString(target.resolve("sources.json"), sources("2026-12-06T10:00:00Z"));
        List<String> warnings = new ArrayList<>();
        assertThat(new TransformRunner(JdbcWarehouse.duckdb(dir.resolve("never-opened.duckdb")), warnings::add)
                .list(options.withSelect("source_status:fresher+"), List.of(), NodeListing.NAME)).isEmpty();
        assertThat(warnings).containsExactly("The selection criterion 'source_status:fresher+' does not match any enabled nodes");
    }

    private static String sources(String maxLoadedAt) {
        return "{\"results\": [{\"unique_id\": \"source.playstream.bronze.spotify_events\", \"status\": \"pass\", "
                + "\"max_loaded_at\": \"" + maxLoadedAt + "\"}]}";
    }

    private TransformRunner runner() {
        return new TransformRunner(JdbcWarehouse.duckdb(dir.resolve("never-opened.duckdb")), line -> { });
    }
}
