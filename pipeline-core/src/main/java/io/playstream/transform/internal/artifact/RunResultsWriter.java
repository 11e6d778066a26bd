package io.playstream.transform.internal.artifact;

import io.playstream.transform.NodeStatus;
import io.playstream.transform.NodeResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.PlaystreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** Writes target/run_results.json in dbt's shape (run-results v6), the fields tools read. */
public final class RunResultsWriter {

    public static final String SCHEMA = "https://schemas.getdbt.com/dbt/run-results/v6.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunResultsWriter() {
    }

    /** @param names how relation names are written ({@code "db"."schema"."table"} as the manifest does) */
    public static Path write(Path targetDir, RunMetadata metadata, List<NodeResult> results, double elapsedSeconds,
            Map<String, Object> args, RelationNames names) {
        ObjectNode root = JSON.createObjectNode();
        root.set("metadata", metadata.toJson(SCHEMA));
        ArrayNode array = root.putArray("results");
        for (NodeResult r : results) {
            ObjectNode node = array.addObject();
            node.put("status", r.status().dbtName());
            ArrayNode timing = node.putArray("timing");
            for (String step : List.of("compile", "execute")) {
                timing.addObject().put("name", step).put("started_at", r.startedAt().toString())
                        .put("completed_at", r.completedAt().toString());
            }
            node.put("thread_id", "Thread-1");
            node.put("execution_time", r.executionSeconds());
            adapterResponse(node.putObject("adapter_response"), r);
            node.put("message", r.message());
            if (r.failures() == null) {
                node.putNull("failures");
            } else {
                node.put("failures", r.failures());
            }
            node.put("unique_id", r.uniqueId());
            if (r.resourceType().equals("seed")) {
                node.putNull("compiled"); // a seed has no code to compile
            } else {
                node.put("compiled", r.compiledSql() != null);
            }
            node.put("compiled_code", r.compiledSql());
            node.put("relation_name", r.relationName() == null ? null : qualified(r.relationName(), names));
            if (r.batchResults() == null) {
                node.putNull("batch_results");
            } else { // a microbatch model's batches, as [start, end] pairs
                ObjectNode batches = node.putObject("batch_results");
                batches.set("successful", JSON.valueToTree(r.batchResults().successful()));
                batches.set("failed", JSON.valueToTree(r.batchResults().failed()));
            }
        }
        root.put("elapsed_time", elapsedSeconds);
        root.set("args", JSON.valueToTree(args));
        return writeJson(targetDir.resolve("run_results.json"), root);
    }

    /**
     * What the adapter said of the node's last statement, as dbt-postgres reports it: the model's
     * DML or DDL ({@code INSERT 0 5}), or for a test the one-row {@code SELECT} counting failures.
     */
    private static void adapterResponse(ObjectNode adapter, NodeResult r) {
        if (r.status() == NodeStatus.SKIPPED || r.status() == NodeStatus.ERROR || r.reused() || r.resourceType().equals("operation")
                || r.resourceType().equals("macro")|| r.rowsAffected() < 0 && r.resourceType().equals("unit_test") || r.batchResults() != null) {
            return; // nothing ran on the warehouse, or (a microbatch model) each batch ran its own
        }
        if (r.resourceType().equals("test")) {
            adapter.put("_message", "SELECT 1").put("code", "SELECT").put("rows_affected", 1);
        } else if (r.resourceType().equals("unit_test")) {
            // the rows of the query returning actual and expected rows
            adapter.put("_message", "SELECT " + r.rowsAffected()).put("code", "SELECT").put("rows_affected", r.rowsAffected());
        } else if (r.message() != null) {
            adapter.put("_message", r.message());
            adapter.put("code", r.message().split(" ")[0]);
            adapter.put("rows_affected", r.rowsAffected());
        }
    }

    /** A result's {@code schema.table} as dbt writes relation names, with the database. */
    private static String qualified(String relation, RelationNames names) {
        int dot = relation.indexOf('.');
        return dot < 0 ? relation : names.of(relation.substring(0, dot), relation.substring(dot + 1));
    }

    /**
     * Writes the artifact beside its place, then moves it there in one step: a reader (the lineage
     * API, a test, real dbt's {@code --state}) never sees half a file, and two runs that end at once
     * (a transform and a catch-up on one target folder) leave one whole artifact, not their bytes
     * interleaved.
     */
    static Path writeJson(Path file, ObjectNode root) {
        Path partial = file.resolveSibling(file.getFileName() + "." + java.util.UUID.randomUUID() + ".partial");
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(partial.toFile(), root);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the write's own failure is the one to report
            }
            throw PlaystreamException.permanent("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
