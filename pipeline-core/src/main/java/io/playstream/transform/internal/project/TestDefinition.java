package io.playstream.transform.internal.project;

import java.util.Map;
import java.util.Objects;

/**
 * A generic test declared in YAML, e.g. {@code unique} on {@code top_songs.song_id}.
 *
 * @param testName the test macro, with its package if any: {@code unique}, {@code dbt_utils.accepted_range}
 * @param model the model tested, or null when {@code source} is set
 * @param source the source table tested, or null
 * @param column the column, or null for a model-level test
 * @param arguments the test's arguments (e.g. {@code values}, {@code to}, {@code field})
 * @param config the test's config ({@code severity}, {@code where}, ...)
 * @param file the YAML file declaring it
 */
public record TestDefinition(String testName, String model, SourceTable source, String column,
        Map<String, Object> arguments, Map<String, Object> config, String file) {

    public TestDefinition {
        Objects.requireNonNull(testName, "testName");
        if ((model == null) == (source == null)) {
            throw new IllegalArgumentException("a test tests exactly one model or source");
        }
        arguments = Map.copyOf(arguments);
        config = Map.copyOf(config);
        Objects.requireNonNull(file, "file");
    }
}
