package io.playstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.PlaystreamException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sink tells loaders: the bronze keys one flush stored (empty for a heartbeat), and the
 * completeness watermark of each Kafka partition it owns at that moment. A partition's watermark W
 * means: every event appended to that partition before the sink last read it to its end, whose
 * event time is before W, is in a bronze object whose offsets are committed (see
 * {@link PartitionWatermarks}). Published before the flush's offsets are committed, so a crash
 * in between replays the flush and publishes it again: duplicates happen, losses do not.
 *
 * @param keys       bronze object keys, in the order written
 * @param watermarks {@code topic+partition} to the partition's watermark
 */
public record BronzeNotice(List<String> keys, Map<String, Instant> watermarks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BronzeNotice {
        keys = List.copyOf(keys);
        watermarks = Map.copyOf(watermarks);
    }

    /** The notice topic of a bronze topic: one partition, so every loader reads notices in the order they were sent. */
    public static String topicFor(String eventsTopic) {
        return eventsTopic + ".bronze-notices";
    }

    /** Several notices as one: every key, in order and once; each partition's latest watermark. */
    public static BronzeNotice merge(List<BronzeNotice> notices) {
        List<String> keys = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Map<String, Instant> watermarks = new LinkedHashMap<>();
        for (BronzeNotice notice : notices) {
            notice.keys().stream().filter(seen::add).forEach(keys::add);
            notice.watermarks().forEach((partition, at) -> watermarks.merge(partition, at,
                    (a, b) -> a.isAfter(b) ? a : b));
        }
        return new BronzeNotice(keys, watermarks);
    }

    public boolean isEmpty() {
        return keys.isEmpty() && watermarks.isEmpty();
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        keys.forEach(root.putArray("keys")::add);
        ObjectNode marks = root.putObject("watermarks");
        watermarks.forEach((partition, at) -> marks.put(partition, at.toString()));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a notice; a message that is not one fails permanently, naming what is wrong. */
    static BronzeNotice fromJson(byte[] body) {
        try {
            JsonNode root = JSON.readTree(Objects.requireNonNull(body, "body"));
            List<String> keys = new ArrayList<>();
            root.path("keys").forEach(k -> keys.add(k.asText()));
            Map<String, Instant> watermarks = new LinkedHashMap<>();
            root.path("watermarks").fields().forEachRemaining(e -> watermarks.put(e.getKey(), Instant.parse(e.getValue().asText())));
            return new BronzeNotice(keys, watermarks);
        } catch (java.io.IOException | DateTimeParseException | NullPointerException e) {
            String text = body == null ? "null" : new String(body, StandardCharsets.UTF_8);
            throw PlaystreamException.permanent("not a bronze notice: " + io.playstream.LogText.printable(text, 200), e);
        }
    }
}
