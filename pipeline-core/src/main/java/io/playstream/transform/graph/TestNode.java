package io.playstream.transform.graph;

import java.util.List;
import java.util.Objects;

/**
 * A compiled data test: SQL selecting the failing rows, the models it depends on, and whether a
 * failure is an error or a warning.
 *
 * @param name dbt's test name, e.g. {@code unique_top_songs_song_id}
 * @param attachedModel the model the test is declared on (null for source and singular tests)
 * @param dependsOn models the test reads
 * @param sql the query returning failing rows
 */
public record TestNode(String uniqueId, String name, String file, String attachedModel,
        List<String> dependsOn, List<String> sources, String sql, Severity severity) {

    /** dbt's {@code severity} config. */
    public enum Severity {
        ERROR, WARN
    }

    public TestNode {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        dependsOn = List.copyOf(dependsOn);
        sources = List.copyOf(sources);
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(severity, "severity");
    }
}
