package io.playstream.transform.internal.project;

import io.playstream.LogText;
import io.playstream.PlaystreamException;
import java.util.regex.Pattern;

/**
 * The schema and table names the runner writes into SQL unquoted ({@code create schema if not
 * exists <schema>}, {@code <schema>.<table>}). They come from profiles.yml, model configs and the
 * environment, so each is checked to be a plain identifier before any SQL is built from it: a
 * value such as {@code gold; drop table x} stops the run naming where it came from, instead of
 * being executed.
 */
public final class SqlNames {

    /** Letters, digits, {@code _} and {@code $}, not starting with a digit: valid unquoted on DuckDB, PostgreSQL and Snowflake. */
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private SqlNames() {
    }

    /**
     * Returns {@code name} when it is a plain identifier.
     *
     * @param where the key or file it came from, for the error message
     */
    public static String requirePlain(String name, String where) {
        if (name == null || !PLAIN_IDENTIFIER.matcher(name).matches()) {
            throw PlaystreamException.permanent(where + ": '" + LogText.printable(name, 80) + "' is not a plain SQL identifier"
                    + " (letters, digits and _, not starting with a digit, at most 63 characters)");
        }
        return name;
    }
}
