package io.playstream.warehouse;

import io.playstream.event.EventContract;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@link RescuedFields}' rule in DuckDB's SQL, over {@code e}: the line's field values as JSON texts
 * ({@code json_extract} with every field's path, one parse of the line), and {@code line}. A value's
 * JSON type is read from its text's first character, so only rows with something to rescue parse
 * their line again, for its keys and values.
 */
final class DuckDbRescue {

    private static final String INTEGER = "'-?[0-9]+'";

    private DuckDbRescue() {
    }

    /** The field values as JSON texts, or null when the line is not a JSON object. */
    static String extract(String line) {
        String paths = BronzeTables.FIELD_COLUMNS.stream().map(c -> "'$." + c + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        return "try(json_extract(" + line + ", " + paths + "))::varchar[]";
    }

    /** Field column {@code i} (from 0): a string unquoted, anything else as its JSON text, null for JSON null. */
    static String column(int i) {
        String v = "e[" + (i + 1) + "]";
        return "case when " + v + " is null or " + v + " = 'null' then null when not starts_with(" + v + ", '\"') then "
                + v + " when contains(" + v + ", '\\') then json_extract_string(" + v + ", '$') else " + v
                + "[2:-2] end";
    }

    /** {@code _rescued}: null when every member of the line is a field of its type, given once. */
    static String rescued(String line) {
        String wrongType = IntStream.range(0, RescuedFields.TYPES.size())
                .mapToObj(i -> "not (e[" + (i + 1) + "] is null or " + fits("e[" + (i + 1) + "]", RescuedFields.TYPES.get(i)) + ")")
                .collect(Collectors.joining(" or "));
        String keys = "json_keys(" + line + ")";
        String value = "json_extract(" + line + ", '$.*')[i]";
        String rescue = "not list_contains(" + names(BronzeTables.FIELD_COLUMNS) + ", k)"
                + " or len(list_filter(" + keys + ", lambda x: x = k)) > 1"
                + " or (list_contains(" + names(fieldsOf(EventContract.JsonType.STRING)) + ", k) and not "
                + fits(value, EventContract.JsonType.STRING) + ")"
                + " or (list_contains(" + names(fieldsOf(EventContract.JsonType.WHOLE_NUMBER)) + ", k) and not "
                + fits(value, EventContract.JsonType.WHOLE_NUMBER) + ")";
        return "case when e is not null and (" + wrongType + " or len(" + keys
                + ") <> len(list_filter(e, lambda v: v is not null))) then '{' || array_to_string(list_filter("
                + "list_transform(" + keys + ", lambda k, i: case when " + rescue + " then to_json(k) || ':' || " + value
                + " end), lambda x: x is not null), ',') || '}' end";
    }

    private static String fits(String json, EventContract.JsonType type) {
        return switch (type) {
            // U+0000 as JSON writes it: see RescuedFields
            case STRING -> "(starts_with(" + json + ", '\"') and not contains(" + json + ", '\\u0000'))";
            case WHOLE_NUMBER -> "regexp_full_match(" + json + ", " + INTEGER + ")";
        };
    }

    private static List<String> fieldsOf(EventContract.JsonType type) {
        return IntStream.range(0, RescuedFields.TYPES.size()).filter(i -> RescuedFields.TYPES.get(i) == type)
                .mapToObj(BronzeTables.FIELD_COLUMNS::get).toList();
    }

    private static String names(List<String> names) {
        return names.stream().map(SqlLiterals::string).collect(Collectors.joining(", ", "[", "]"));
    }
}
