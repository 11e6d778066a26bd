package io.playstream.warehouse;

import io.playstream.Failures;
import io.playstream.PlaystreamException;
import java.sql.SQLException;

/** JDBC failures as {@link PlaystreamException}s of the kind {@link Failures} gives them, with secrets redacted. */
public final class SqlFailures {

    private SqlFailures() {
    }

    /** {@code e} as a failure of its kind, {@code what} saying what failed; never shows a password. */
    public static PlaystreamException classify(String what, SQLException e) {
        return Failures.wrap(what + ": " + Redaction.redact(e.getMessage()), e);
    }

    /** Whether trying again later may succeed: the connection, not the statement, was the problem. */
    public static boolean isRetriable(SQLException e) {
        return Failures.isRetriable(e);
    }
}
