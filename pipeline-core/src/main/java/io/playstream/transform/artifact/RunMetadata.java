package io.playstream.transform.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/** dbt's artifact {@code metadata} block. */
public record RunMetadata(String invocationId, Instant generatedAt, String projectName, String adapterType) {

    /** The dbt version whose artifact shapes the runner writes. */
    public static final String DBT_VERSION = "1.10.0";

    public RunMetadata {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }

    ObjectNode toJson(String schema) {
        ObjectNode metadata = RunResultsWriter.JSON.createObjectNode();
        metadata.put("dbt_schema_version", schema);
        metadata.put("dbt_version", DBT_VERSION);
        metadata.put("generated_at", generatedAt.toString());
        metadata.put("invocation_id", invocationId);
        metadata.putObject("env");
        metadata.put("project_name", projectName);
        metadata.put("adapter_type", adapterType);
        metadata.put("generator", "playstream transform runner");
        return metadata;
    }
}
