package io.playstream.transform.internal.execute;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The SQL type dbt gives a seed column from its values (agate's type tester, then dbt's SQL
 * adapter): the first of number, date, date-time, ISO date-time, boolean and text that every
 * non-null value parses as. A number column is {@code integer} unless a value has digits after the
 * point ({@code float8}); date-times are {@code timestamp without time zone}. Empty and
 * {@code null} values are null and fit every type, so a column of nulls is {@code integer}.
 */
final class SeedColumnTypes {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-M-d", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-M-d H:m:s", Locale.ROOT);

    private record Candidate(String sqlType, Predicate<String> parses) {
    }

    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("number", v -> NUMBER.matcher(v).matches()),
            new Candidate("date", v -> parses(() -> LocalDate.parse(v, DATE))),
            new Candidate("timestamp without time zone", v -> parses(() -> LocalDateTime.parse(v, DATE_TIME))),
            new Candidate("timestamp without time zone", SeedColumnTypes::isoDateTime),
            new Candidate("boolean", v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")),
            new Candidate("text", v -> true));

    private SeedColumnTypes() {
    }

    /** Whether the text is null to a seed: empty or {@code null}, ignoring case and surrounding blanks. */
    static boolean isNull(String value) {
        String v = value.strip();
        return v.isEmpty() || v.equalsIgnoreCase("null");
    }

    static String infer(List<String> values) {
        List<String> present = values.stream().filter(v -> !isNull(v)).map(String::strip).toList();
        for (Candidate candidate : CANDIDATES) {
            if (present.stream().allMatch(candidate.parses())) {
                if (candidate.sqlType().equals("number")) {
                    return present.stream().anyMatch(v -> v.contains(".") && hasDecimals(v)) ? "float8" : "integer";
                }
                return candidate.sqlType();
            }
        }
        return "text";
    }

    /** Digits after the point, as agate's MaxPrecision counts them (a trailing {@code .} counts none). */
    private static boolean hasDecimals(String number) {
        String mantissa = number.split("[eE]")[0];
        int point = mantissa.indexOf('.');
        return point >= 0 && point < mantissa.length() - 1;
    }

    private static boolean isoDateTime(String value) {
        return value.contains("T") && (parses(() -> LocalDateTime.parse(value)) || parses(() -> OffsetDateTime.parse(value)));
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
