package io.playstream.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.jobs.DataInterval;
import io.playstream.jobs.JobKind;
import io.playstream.jobs.LoadRequest;
import io.playstream.jobs.PipelineRequest;
import io.playstream.jobs.RunRequest;
import io.playstream.jobs.TransformRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/runs}, validated: {@code job} (load | transform | pipeline),
 * {@code idempotency_key} (1-256 characters), optional {@code interval {start, end}} (ISO-8601,
 * start before end; not for transform), optional {@code select} and {@code full_refresh} (not for load).
 */
record RunCommandRequest(String idempotencyKey, RunRequest run) {

    static final int MAX_KEY_LENGTH = 256;
    private static final Set<String> FIELDS = Set.of("job", "idempotency_key", "interval", "select", "full_refresh");

    static RunCommandRequest parse(byte[] body, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        rejectUnknownFields(root);
        JobKind kind = kind(root.get("job"));
        String key = key(root.get("idempotency_key"));
        DataInterval interval = interval(root.get("interval"));
        String select = optionalText(root, "select");
        boolean fullRefresh = optionalBoolean(root, "full_refresh");
        return new RunCommandRequest(key, switch (kind) {
            case LOAD -> {
                if (select != null || fullRefresh) {
                    throw ApiError.badRequest("select and full_refresh do not apply to job 'load'");
                }
                yield new LoadRequest(interval);
            }
            case TRANSFORM -> {
                if (interval != null) {
                    throw ApiError.badRequest("interval does not apply to job 'transform'");
                }
                yield new TransformRequest(select, fullRefresh);
            }
            case PIPELINE -> new PipelineRequest(interval, select, fullRefresh);
        });
    }

    private static void rejectUnknownFields(JsonNode root) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiError.badRequest("unknown field(s) " + unknown + "; accepted: job, idempotency_key, interval, select, full_refresh");
        }
    }

    private static JobKind kind(JsonNode job) {
        if (job == null || !job.isTextual()) {
            throw ApiError.badRequest("job is required, one of: " + JobKind.acceptedNames());
        }
        try {
            return JobKind.fromWireName(job.asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static String key(JsonNode key) {
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw ApiError.badRequest("idempotency_key is required (a non-empty string)");
        }
        if (key.asText().length() > MAX_KEY_LENGTH) {
            throw ApiError.badRequest("idempotency_key is longer than " + MAX_KEY_LENGTH + " characters");
        }
        return key.asText();
    }

    private static DataInterval interval(JsonNode interval) {
        if (interval == null || interval.isNull()) {
            return null;
        }
        if (!interval.isObject() || !interval.path("start").isTextual() || !interval.path("end").isTextual()) {
            throw ApiError.badRequest("interval must be {\"start\": ISO-8601 instant, \"end\": ISO-8601 instant}");
        }
        try {
            return DataInterval.parse(interval.get("start").asText(), interval.get("end").asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest(field + " must be a string");
        }
        return node.asText();
    }

    private static boolean optionalBoolean(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiError.badRequest(field + " must be true or false");
        }
        return node.asBoolean();
    }
}
