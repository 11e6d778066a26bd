package io.playstream.transform.internal.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.transform.internal.project.Digests;
import java.time.Instant;
import java.util.Objects;

/** dbt's artifact {@code metadata} block: the keys each artifact's schema allows, nothing else. */
public record RunMetadata(String invocationId, Instant startedAt, Instant generatedAt, String projectName, String adapterType) {

    /** The dbt version whose artifact shapes the runner writes (the oldest the project requires). */
    public static final String DBT_VERSION = "1.10.0";

    public RunMetadata {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }

    /** The block run_results.json and sources.json carry. */
    ObjectNode toJson(String schema) {
        ObjectNode metadata = RunResultsWriter.JSON.createObjectNode();
        metadata.put("dbt_schema_version", schema);
        metadata.put("dbt_version", DBT_VERSION);
        metadata.put("generated_at", generatedAt.toString());
        metadata.put("invocation_id", invocationId);
        metadata.put("invocation_started_at", startedAt.toString());
        metadata.putObject("env");
        return metadata;
    }

    /** The manifest's block: the project and adapter too; {@code project_id} is the md5 of the project name, as in dbt. */
    ObjectNode manifestJson(String schema) {
        ObjectNode metadata = toJson(schema);
        metadata.put("project_name", projectName);
        metadata.put("project_id", Digests.md5(projectName));
        metadata.putNull("user_id");
        metadata.put("send_anonymous_usage_stats", false);
        metadata.put("adapter_type", adapterType);
        metadata.putObject("quoting").put("database", true).put("schema", true).put("identifier", true).putNull("column");
        return metadata;
    }
}
