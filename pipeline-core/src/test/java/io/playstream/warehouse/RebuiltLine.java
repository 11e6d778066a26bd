package io.playstream.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.playstream.event.EventContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON line as its members, in an order of their own, so two lines compare as JSON does: the
 * same members with the same values, whatever the spacing, escapes or order (a key given twice is
 * two members). {@link #fromBronze} rebuilds it from a bronze row as CONTRACTS.md §3 says.
 */
record RebuiltLine(List<Map.Entry<String, JsonNode>> members) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /** The members of a line that is a JSON object. */
    static RebuiltLine of(String line) {
        try (JsonParser json = FACTORY.createParser(line)) {
            json.nextToken();
            return new RebuiltLine(sorted(members(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line a bronze row stands for: its {@code _raw} when set, else its field columns and {@code _rescued}. */
    static RebuiltLine fromBronze(Map<String, String> row) {
        if (row.get(BronzeTables.RAW) != null) {
            return of(row.get(BronzeTables.RAW));
        }
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        Set<String> rescued = new HashSet<>();
        String rescuedText = row.get(BronzeTables.RESCUED);
        if (rescuedText != null) {
            for (Map.Entry<String, JsonNode> member : of(rescuedText).members()) {
                members.add(member);
                rescued.add(member.getKey());
            }
        }
        for (int i = 0; i < BronzeTables.FIELD_COLUMNS.size(); i++) {
            String name = BronzeTables.FIELD_COLUMNS.get(i);
            String value = row.get(name);
            if (value != null && !rescued.contains(name)) {
                members.add(Map.entry(name, RescuedFields.TYPES.get(i) == EventContract.JsonType.STRING
                        ? JsonNodeFactory.instance.textNode(value) : number(value)));
            }
        }
        return new RebuiltLine(sorted(members));
    }

    private static JsonNode number(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map.Entry<String, JsonNode>> members(JsonParser json) throws IOException {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            members.add(Map.entry(name, JSON.readTree(json)));
        }
        return members;
    }

    private static List<Map.Entry<String, JsonNode>> sorted(List<Map.Entry<String, JsonNode>> members) {
        return members.stream().sorted(Comparator.<Map.Entry<String, JsonNode>, String>comparing(Map.Entry::getKey)
                .thenComparing(e -> e.getValue().toString())).toList();
    }
}
