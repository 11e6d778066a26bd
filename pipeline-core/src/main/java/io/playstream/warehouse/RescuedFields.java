package io.playstream.warehouse;

import com.fasterxml.jackson.core.JsonToken;
import io.playstream.event.EventContract;
import java.util.List;

/**
 * The rule of bronze's {@code _rescued} column (CONTRACTS.md §3), in one place: a line's member is
 * rescued when its key is not an event field, when its key occurs more than once in the line (every
 * occurrence: the field column keeps the first, as DuckDB's reader does), or when its value is not
 * of the field's JSON type (a string field given as anything but a string, JSON {@code null}
 * included; a whole-number field given as anything but an integer), or a string holding U+0000,
 * which PostgreSQL's text cannot hold (one rule on every warehouse). {@code _rescued} is a JSON
 * object of those members in line order, or null when there are none: then the field columns hold
 * the whole line, and the line is the JSON object of every non-null field column, strings as
 * strings and whole numbers as numbers. With {@code _rescued}, the line is that object without the
 * fields {@code _rescued} names, plus {@code _rescued}'s members.
 */
final class RescuedFields {

    /** The JSON type of each field column, in {@link BronzeTables#FIELD_COLUMNS} order. */
    static final List<EventContract.JsonType> TYPES = BronzeTables.FIELD_COLUMNS.stream()
            .map(name -> EventContract.FIELDS.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().type())
            .toList();

    private RescuedFields() {
    }

    /**
     * Whether field column {@code column} holds a value starting with {@code token}, whose text is
     * {@code text} (the string's own for a string).
     */
    static boolean fits(int column, JsonToken token, String text) {
        return switch (TYPES.get(column)) {
            case STRING -> token == JsonToken.VALUE_STRING && text.indexOf('\0') < 0;
            case WHOLE_NUMBER -> token == JsonToken.VALUE_NUMBER_INT;
        };
    }
}
