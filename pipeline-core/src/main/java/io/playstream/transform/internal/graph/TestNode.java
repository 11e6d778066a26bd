package io.playstream.transform.internal.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled data test: SQL selecting the failing rows, the models it depends on, and whether a
 * failure is an error or a warning.
 *
 * @param name dbt's test name, e.g. {@code unique_top_songs_song_id}
 * @param attachedModel the model the test is declared on (null for source and singular tests)
 * @param dependsOn models the test reads
 * @param sql the query returning failing rows
 * @param generic what dbt records of a generic test, null for a singular test
 */
public record TestNode(String uniqueId, String name, String file, String attachedModel,
        List<String> dependsOn, List<String> sources, String sql, Severity severity, Generic generic) implements BuildNode {

    /**
     * A generic test as dbt's manifest describes it.
     *
     * @param alias the name of its compiled file: the name, shortened with a hash past 63 characters
     * @param column the column tested, or null
     * @param metadata dbt's {@code test_metadata}: name, namespace and the arguments as written
     */
    public record Generic(String alias, String column, Map<String, Object> metadata) {
    }

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

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.test(this);
    }
}
