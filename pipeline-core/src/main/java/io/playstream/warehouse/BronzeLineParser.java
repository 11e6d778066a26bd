package io.playstream.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.playstream.event.EventContract;
import io.playstream.event.RejectReason;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one bronze line for the loaders that parse in Java: the event fields as their JSON text
 * (strings unquoted, numbers and booleans as written, nested values as their JSON), or why the line
 * is not a JSON object, and the line's {@code _rescued} members ({@link RescuedFields}): unknown
 * fields, fields given twice (the column keeps the first value, as DuckDB's reader does) and values
 * of the wrong JSON type. Not thread-safe: one per loader thread.
 */
final class BronzeLineParser {

    private static final Map<String, Integer> COLUMN_INDEX = new HashMap<>();

    static {
        for (int i = 0; i < BronzeTables.FIELD_COLUMNS.size(); i++) {
            COLUMN_INDEX.put(BronzeTables.FIELD_COLUMNS.get(i), i);
        }
    }

    /**
     * One line: its fields and {@code _rescued} (null when nothing needed rescuing), or why it was
     * refused. {@code raw} is set for refused lines only (an accepted line's bytes are still in the
     * caller's buffer and go out as they are).
     */
    record Line(String raw, String[] fields, String rescued, String rejectReason) {

        boolean isRejected() {
            return rejectReason != null;
        }
    }

    private final JsonFactory factory = new JsonFactory();
    private final CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    Line parse(byte[] bytes, int length) {
        if (length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            // Jackson skips a byte order mark, DuckDB and the sink do not
            return rejected(bytes, length, RejectReason.NOT_JSON.lineReason());
        }
        if (hasLoneSurrogateEscape(bytes, length)) {
            // Jackson reads it, DuckDB's JSON reader refuses the line as not JSON
            return rejected(bytes, length, RejectReason.NOT_JSON.lineReason());
        }
        if (!isAscii(bytes, length)) {
            try {
                strictUtf8.decode(ByteBuffer.wrap(bytes, 0, length));
            } catch (CharacterCodingException e) {
                return rejected(bytes, length, RejectReason.NOT_UTF8.lineReason());
            }
        }
        try (JsonParser json = factory.createParser(bytes, 0, length)) {
            JsonToken first = json.nextToken();
            if (first == null) {
                return rejected(bytes, length, RejectReason.EMPTY.lineReason());
            }
            if (first != JsonToken.START_OBJECT) {
                skipAll(json);
                return rejected(bytes, length,
                        RejectReason.NOT_AN_OBJECT.lineReason(EventContract.jsonTypeName(first)));
            }
            String[] fields = new String[BronzeTables.FIELD_COLUMNS.size()];
            int seen = 0;
            boolean rescues = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                Integer column = COLUMN_INDEX.get(json.currentName());
                JsonToken value = json.nextToken();
                if (column == null || (seen & 1 << column) != 0) {
                    rescues = true;
                    json.skipChildren();
                } else {
                    seen |= 1 << column;
                    fields[column] = text(json, value, bytes);
                    rescues |= !RescuedFields.fits(column, value, fields[column]);
                }
            }
            if (json.nextToken() != null) {
                return rejected(bytes, length, RejectReason.NOT_JSON.lineReason());
            }
            return new Line(null, fields, rescues ? rescued(bytes, length) : null, null);
        } catch (IOException e) {
            return rejected(bytes, length, RejectReason.NOT_JSON.lineReason());
        }
    }

    /**
     * The second read of a line with something to rescue: its members, in line order, that the
     * columns do not hold. Every member is taken in one pass (a key's later occurrence rescues its
     * first too), then the rescued ones are written.
     */
    private String rescued(byte[] bytes, int length) throws IOException {
        List<RawMember> members = new ArrayList<>();
        Map<String, Integer> occurrences = new HashMap<>();
        try (JsonParser json = factory.createParser(bytes, 0, length)) {
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                Integer column = COLUMN_INDEX.get(name);
                JsonToken value = json.nextToken();
                int start = (int) json.currentTokenLocation().getByteOffset();
                String valueText = value == JsonToken.VALUE_STRING ? json.getText() : null;
                json.skipChildren();
                json.finishToken();
                // the value as written: a re-encoded 1e400 would be Infinity, which JSON has not
                int end = (int) json.currentLocation().getByteOffset();
                members.add(new RawMember(name, new String(bytes, start, end - start, StandardCharsets.UTF_8),
                        column != null && RescuedFields.fits(column, value, valueText)));
                occurrences.merge(name, 1, Integer::sum);
            }
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator out = factory.createGenerator(text)) {
            out.writeStartObject();
            for (RawMember member : members) {
                if (!member.fitsItsColumn() || occurrences.get(member.name()) > 1) {
                    out.writeFieldName(member.name());
                    out.writeRawValue(member.json());
                }
            }
            out.writeEndObject();
        }
        return text.toString();
    }

    /** A member of a line as written: its key, its value's JSON text, and whether a field column holds it as it is. */
    private record RawMember(String name, String json, boolean fitsItsColumn) {
    }

    private static Line rejected(byte[] bytes, int length, String reason) {
        return new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), null, null, reason);
    }

    private static boolean hasLoneSurrogateEscape(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\\') {
                int escape = EventContract.escapeLength(bytes, i, length);
                if (escape < 0) {
                    return true;
                }
                i += escape - 1;
            }
        }
        return false;
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonParser json, JsonToken value, byte[] bytes) throws IOException {
        switch (value) {
            case VALUE_NULL:
                return null;
            case START_OBJECT:
            case START_ARRAY:
                int start = (int) json.currentTokenLocation().getByteOffset();
                json.skipChildren();
                int end = (int) json.currentLocation().getByteOffset();
                return new String(bytes, start, end - start, StandardCharsets.UTF_8);
            default:
                return json.getText();
        }
    }

    private static void skipAll(JsonParser json) throws IOException {
        while (json.nextToken() != null) {
            json.skipChildren();
        }
    }
}
