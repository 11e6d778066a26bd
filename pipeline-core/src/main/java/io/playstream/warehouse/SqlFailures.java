package io.playstream.warehouse;

import io.playstream.PlaystreamException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Sorts JDBC failures into retriable and permanent ones, in one place (the loader and the transform runner). */
public final class SqlFailures {

    private SqlFailures() {
    }

    /**
     * Connection faults (SQLSTATE class 08), resource shortages (53), serialisation failures and
     * deadlocks (40), lock timeouts (55P03) and operator intervention (57) may pass; the rest
     * (syntax, permissions, bad credentials) will not.
     */
    static PlaystreamException classify(String what, SQLException e) {
        String message = what + ": " + Redaction.redact(e.getMessage());
        return isRetriable(e) ? PlaystreamException.retriable(message, e) : PlaystreamException.permanent(message, e);
    }

    /** Whether trying again later may succeed: the connection, not the statement, was the problem. */
    public static boolean isRetriable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null || state.length() < 2) {
            return false;
        }
        String sqlClass = state.substring(0, 2);
        return sqlClass.equals("08") || sqlClass.equals("53") || sqlClass.equals("40") || sqlClass.equals("57")
                || state.equals("55P03");
    }
}
