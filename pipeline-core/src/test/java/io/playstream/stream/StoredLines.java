package io.playstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.objectstore.ObjectInfo;
import io.playstream.objectstore.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads back what a sink stored: every line of every bronze or dead-letter object. */
public final class StoredLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredLines() {
    }

    /** Every bronze line, across all objects, in key order. */
    public static List<String> bronze(ObjectStore store) {
        return lines(store, "bronze/");
    }

    /** Every dead-letter record, parsed. */
    public static List<JsonNode> deadLetters(ObjectStore store) {
        return lines(store, "dead-letter/").stream().map(StoredLines::parse).toList();
    }

    /** How many times each event_id occurs in bronze. */
    public static Map<String, Integer> eventIdCounts(ObjectStore store) {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : bronze(store)) {
            counts.merge(parse(line).path("event_id").asText(), 1, Integer::sum);
        }
        return counts;
    }

    /** The object keys under a prefix. */
    public static List<String> keys(ObjectStore store, String prefix) {
        for (int attempt = 1; ; attempt++) {
            try (Stream<ObjectInfo> objects = store.list(prefix)) {
                return objects.map(ObjectInfo::key).toList();
            } catch (UncheckedIOException e) {
                // FileSystemObjectStore.list fails when a writer's temp file vanishes mid-walk
                // (reported to the lead); while a sink runs beside us, list again
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    static List<String> lines(ObjectStore store, String prefix) {
        List<String> lines = new ArrayList<>();
        for (String key : keys(store, prefix)) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(store.open(key)), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + key, e);
            }
        }
        return lines;
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }
}
