package io.playstream.warehouse;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The DuckDB loader's one parse for the lines Playstream writes itself (CONTRACTS.md §1, "Encoding":
 * compact JSON, fields in table order): {@code v} holds the line's field values as text
 * ({@code json_extract_string} with every field's path), and a line is <em>plain</em> when it has no
 * backslash and is, byte for byte, the compact JSON object those values make (string fields quoted,
 * whole-number fields as a {@code bigint} writes them, absent fields left out). Such a line is that
 * object: its members are the field columns, each once, of its JSON type, with no U+0000 (there is
 * no escape), so its columns are {@code v} and {@code _rescued} is null ({@link RescuedFields}), and
 * nothing else of it needs reading. Without a backslash no string has an escape, so a string
 * value's text is the bytes between its quotes and the rebuilt text cannot match a line whose
 * members differ. Any other line (spacing, another order, an unknown member, a value of another
 * type, an escape) is read as before by {@link DuckDbRescue}: being plain is only a shortcut, and
 * both ways give the same columns.
 */
final class DuckDbPlainLine {

    private DuckDbPlainLine() {
    }

    /** The field values as text, one parse of the line; null when it is not JSON. */
    static String values(String line) {
        return "try(json_extract_string(" + line + ", " + DuckDbRescue.paths() + "))";
    }

    /** Whether {@code line} is the compact JSON object of {@code values} (never null). */
    static String is(String line, String values) {
        String members = IntStream.range(0, BronzeTables.FIELD_COLUMNS.size())
                .mapToObj(i -> member(i, values)).collect(Collectors.joining(", "));
        return "coalesce(" + values + " is not null and not contains(" + line + ", '\\') and " + line
                + " = '{' || concat_ws(',', " + members + ") || '}', false)";
    }

    /** Field column {@code i} (from 0) of a plain line. */
    static String column(int i, String values) {
        return values + "[" + (i + 1) + "]";
    }

    /** {@code "name":value}, or null when the field is absent (concat_ws leaves it out). */
    private static String member(int i, String values) {
        String name = SqlLiterals.string("\"" + BronzeTables.FIELD_COLUMNS.get(i) + "\":");
        String value = column(i, values);
        return switch (RescuedFields.TYPES.get(i)) {
            case STRING -> name + " || '\"' || " + value + " || '\"'";
            // a value that is not a whole number, or not as a bigint writes it, has no bigint text equal to it
            case WHOLE_NUMBER -> name + " || try_cast(" + value + " as bigint)::varchar";
        };
    }
}
