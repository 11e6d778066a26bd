package io.playstream.warehouse;

import io.playstream.event.EventContract;
import io.playstream.event.EventFields;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The DuckDB loader's one parse for the lines Playstream writes itself (CONTRACTS.md §1, "Encoding":
 * compact JSON, fields in table order): {@code v} is the line read into a struct of the fields
 * ({@code json_transform}: strings as text, whole numbers as {@code bigint}), and a line is
 * <em>plain</em> when it has no backslash, holds the nine required fields, and is, byte for byte,
 * the compact JSON object of {@code v} (string fields quoted, whole-number fields as a
 * {@code bigint} writes them, absent optional fields left out). Such a line is that object: its
 * members are the field columns, each once, of its JSON type, with no U+0000 (there is no escape),
 * so its columns are {@code v} and {@code _rescued} is null ({@link RescuedFields}); nothing else of
 * it needs reading. Without a backslash no string has an escape, so a string's value is the bytes
 * between its quotes, and a value of another type, a key given twice or an unknown member leaves
 * the line unlike the object rebuilt from {@code v}. Any other line (spacing, another order, an
 * escape...) is read as before by {@link DuckDbRescue}: being plain is only a shortcut, and both
 * ways give the same columns (the contract tests load both kinds).
 */
final class DuckDbPlainLine {

    private DuckDbPlainLine() {
    }

    /** The line read into a struct of the fields, one parse; null when it is not JSON. */
    static String values(String line) {
        String struct = IntStream.range(0, BronzeTables.FIELD_COLUMNS.size())
                .mapToObj(i -> "\"" + BronzeTables.FIELD_COLUMNS.get(i) + "\":\"" + sqlType(i) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return "try(json_transform(" + line + ", " + SqlLiterals.string(struct) + "))";
    }

    /** Whether {@code line} is the compact JSON object of {@code values} (never null). */
    static String is(String line, String values) {
        // one concat of every piece, which leaves out a null: an absent optional field
        List<String> pieces = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (int i = 0; i < BronzeTables.FIELD_COLUMNS.size(); i++) {
            String name = BronzeTables.FIELD_COLUMNS.get(i);
            String quote = RescuedFields.TYPES.get(i) == EventContract.JsonType.STRING ? "\"" : "";
            String key = (i == 0 ? "{" : ",") + "\"" + name + "\":" + quote;
            String value = column(i, values);
            if (EventFields.REQUIRED.contains(name)) {
                required.add(value + " is not null");
                pieces.addAll(List.of(SqlLiterals.string(key), value));
                if (!quote.isEmpty()) {
                    pieces.add(SqlLiterals.string(quote));
                }
            } else {
                pieces.add("case when " + value + " is not null then " + SqlLiterals.string(key) + " || " + value
                        + (quote.isEmpty() ? "" : " || " + SqlLiterals.string(quote)) + " end");
            }
        }
        pieces.add("'}'");
        return "coalesce(" + values + " is not null and not contains(" + line + ", '\\') and "
                + String.join(" and ", required) + " and " + line + " = concat(" + String.join(", ", pieces) + "), false)";
    }

    /** Field column {@code i} (from 0) of a plain line, as text. */
    static String column(int i, String values) {
        String field = values + "." + BronzeTables.FIELD_COLUMNS.get(i);
        return switch (RescuedFields.TYPES.get(i)) {
            case STRING -> field;
            case WHOLE_NUMBER -> field + "::varchar";
        };
    }

    private static String sqlType(int i) {
        return switch (RescuedFields.TYPES.get(i)) {
            case STRING -> "VARCHAR";
            case WHOLE_NUMBER -> "BIGINT";
        };
    }
}
