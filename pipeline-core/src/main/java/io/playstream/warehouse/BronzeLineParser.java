package io.playstream.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one bronze line for the loaders that parse in Java: the event fields as their JSON text
 * (strings unquoted, numbers and booleans as written, nested values as their JSON), or why the line
 * is not a JSON object. Unknown fields are skipped (they stay in {@code _raw}); a field given twice
 * keeps its last value. Not thread-safe: one per loader thread.
 */
final class BronzeLineParser {

    private static final Map<String, Integer> COLUMN_INDEX = new HashMap<>();

    static {
        for (int i = 0; i < BronzeTables.FIELD_COLUMNS.size(); i++) {
            COLUMN_INDEX.put(BronzeTables.FIELD_COLUMNS.get(i), i);
        }
    }

    /** One line: the raw text and either its fields or a reject reason. */
    record Line(String raw, String[] fields, String rejectReason) {

        boolean isRejected() {
            return rejectReason != null;
        }
    }

    private final JsonFactory factory = new JsonFactory();
    private final CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    Line parse(byte[] bytes, int length) {
        String raw;
        try {
            raw = strictUtf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), null, RejectReasons.NOT_UTF8);
        }
        if (raw.isBlank()) {
            return new Line(raw, null, RejectReasons.EMPTY_LINE);
        }
        try (JsonParser json = factory.createParser(raw)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT) {
                skipAll(json);
                return new Line(raw, null, String.format(Locale.ROOT, RejectReasons.NOT_AN_OBJECT_FORMAT, typeOf(first)));
            }
            String[] fields = new String[BronzeTables.FIELD_COLUMNS.size()];
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                Integer column = COLUMN_INDEX.get(json.currentName());
                JsonToken value = json.nextToken();
                if (column == null) {
                    json.skipChildren();
                } else {
                    fields[column] = text(json, value, raw);
                }
            }
            if (json.nextToken() != null) {
                return new Line(raw, null, RejectReasons.NOT_JSON);
            }
            return new Line(raw, fields, null);
        } catch (IOException e) {
            return new Line(raw, null, RejectReasons.NOT_JSON);
        }
    }

    private static String text(JsonParser json, JsonToken value, String raw) throws IOException {
        switch (value) {
            case VALUE_NULL:
                return null;
            case START_OBJECT:
            case START_ARRAY:
                int start = (int) json.currentTokenLocation().getCharOffset();
                json.skipChildren();
                int end = (int) json.currentLocation().getCharOffset();
                return raw.substring(start, end);
            default:
                return json.getText();
        }
    }

    private static void skipAll(JsonParser json) throws IOException {
        while (json.nextToken() != null) {
            json.skipChildren();
        }
    }

    private static String typeOf(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "array";
            case VALUE_STRING:
                return "string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "boolean";
            default:
                return "null";
        }
    }

}
