package io.playstream.transform.internal.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.transform.FreshnessResult;
import java.nio.file.Path;
import java.util.List;

/** Writes target/sources.json as {@code dbt source freshness} does (sources v3). */
public final class SourcesWriter {

    public static final String SCHEMA = "https://schemas.getdbt.com/dbt/sources/v3.json";

    private SourcesWriter() {
    }

    public static Path write(Path targetDir, RunMetadata metadata, List<FreshnessResult> results, double elapsedSeconds) {
        ObjectNode root = RunResultsWriter.JSON.createObjectNode();
        root.set("metadata", metadata.toJson(SCHEMA));
        ArrayNode array = root.putArray("results");
        for (FreshnessResult r : results) {
            ObjectNode node = array.addObject();
            node.put("unique_id", r.uniqueId());
            node.put("status", r.status().dbtName());
            if (r.maxLoadedAt() == null) {
                node.put("error", r.error());
                continue;
            }
            node.put("max_loaded_at", r.maxLoadedAt().toString());
            node.put("snapshotted_at", r.snapshottedAt().toString());
            node.put("max_loaded_at_time_ago_in_s", r.ageSeconds());
            ObjectNode criteria = node.putObject("criteria");
            for (String threshold : List.of("warn_after", "error_after")) {
                Object time = r.criteria().get(threshold);
                criteria.set(threshold, time == null ? RunResultsWriter.JSON.nullNode() : RunResultsWriter.JSON.valueToTree(time));
            }
            criteria.putNull("filter");
            node.putObject("adapter_response");
            ArrayNode timing = node.putArray("timing");
            timing.addObject().put("name", "execute").put("started_at", r.startedAt().toString())
                    .put("completed_at", r.completedAt().toString());
            node.put("thread_id", "Thread-1");
            node.put("execution_time", (r.completedAt().toEpochMilli() - r.startedAt().toEpochMilli()) / 1000.0);
        }
        root.put("elapsed_time", elapsedSeconds);
        return RunResultsWriter.writeJson(targetDir.resolve("sources.json"), root);
    }
}
