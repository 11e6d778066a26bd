package io.playstream;

import io.playstream.PlaystreamException.Kind;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether trying the same work again can succeed, decided here for every failure the loader, the
 * transform runner, the jobs and the API meet: {@link Kind#TRANSIENT} (a server down, a lost
 * connection, a deadlock, a lock held), {@link Kind#PERMANENT} (bad input or configuration, broken
 * SQL) or {@link Kind#UNKNOWN} (anything else: a bug, or a fault nobody sorted yet). Unknown fails
 * closed: it is not retried, since retrying a bug five times only hides it.
 *
 * <p>A {@link PlaystreamException} says its kind itself; otherwise the first cause that can be
 * sorted decides: JDBC failures by their SQLSTATE class (DuckDB, which sets none, by its error
 * type), bad arguments and missing files are permanent, refused connections and timeouts transient.
 */
public final class Failures {

    /** SQLSTATE classes (first two characters) whose failures may pass: connection, rollback, resources, operator. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57");
    /** The statement, its data or its rights are wrong: syntax and access, data, integrity, authorisation, names. */
    private static final Set<String> PERMANENT_CLASSES = Set.of("42", "22", "23", "28", "3D", "3F", "0A", "2B", "44");
    /** PostgreSQL's lock_not_available (lock_timeout, NOWAIT): class 55 is otherwise a wrong object state. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** DuckDB's error types (its messages start "Type Error: ..."; it sets no SQLSTATE). */
    private static final Map<String, Kind> DUCKDB_ERRORS = Map.ofEntries(
            Map.entry("parser", Kind.PERMANENT), Map.entry("syntax", Kind.PERMANENT), Map.entry("binder", Kind.PERMANENT),
            Map.entry("catalog", Kind.PERMANENT), Map.entry("conversion", Kind.PERMANENT),
            Map.entry("constraint", Kind.PERMANENT), Map.entry("invalid input", Kind.PERMANENT),
            Map.entry("out of range", Kind.PERMANENT), Map.entry("not implemented", Kind.PERMANENT),
            Map.entry("permission", Kind.PERMANENT), Map.entry("dependency", Kind.PERMANENT),
            Map.entry("transactioncontext", Kind.TRANSIENT), Map.entry("interrupt", Kind.TRANSIENT),
            Map.entry("out of memory", Kind.TRANSIENT));
    /** What an unknown failure's message adds. */
    private static final String UNKNOWN_NOTE = "an unknown failure: not retried, since it is not known to pass";
    /** Causes are followed this deep at most (a cause chain may loop). */
    private static final int MAX_DEPTH = 16;

    private Failures() {
    }

    /** The kind of {@code failure}: its own, or the first of its causes that can be sorted. */
    public static Kind classify(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++, current = current.getCause()) {
            Kind kind = own(current);
            if (kind != Kind.UNKNOWN) {
                return kind;
            }
        }
        return Kind.UNKNOWN;
    }

    /** Whether the scheduler may run the work again: only for transient failures. */
    public static boolean isRetriable(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    /**
     * {@code cause} as a {@link PlaystreamException} of its kind with {@code message}; an unknown one
     * says that it is not retried, so nobody waits for a retry that will not come.
     */
    public static PlaystreamException wrap(String message, Throwable cause) {
        Kind kind = classify(cause);
        return new PlaystreamException(kind, message(kind, message), cause);
    }

    /** {@code message} as a failure of {@code kind} says it: an unknown one adds that it is not retried. */
    public static String message(Kind kind, String message) {
        return kind == Kind.UNKNOWN ? message + " (" + UNKNOWN_NOTE + ")" : message;
    }

    private static Kind own(Throwable failure) {
        if (failure instanceof PlaystreamException known) {
            return known.kind();
        }
        if (failure instanceof SQLException sql) {
            return sql(sql);
        }
        if (failure instanceof IllegalArgumentException || failure instanceof DateTimeException
                || failure instanceof NoSuchFileException || failure instanceof FileNotFoundException
                || failure instanceof AccessDeniedException) {
            return Kind.PERMANENT;
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException
                || failure instanceof SocketTimeoutException || failure instanceof HttpTimeoutException) {
            return Kind.TRANSIENT;
        }
        return Kind.UNKNOWN;
    }

    /** A JDBC failure by its SQLSTATE, or, without one, by the driver's exception type or DuckDB's error type. */
    static Kind sql(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null && state.length() >= 2) {
            String sqlClass = state.substring(0, 2).toUpperCase(Locale.ROOT);
            if (TRANSIENT_CLASSES.contains(sqlClass) || state.equalsIgnoreCase(LOCK_NOT_AVAILABLE)) {
                return Kind.TRANSIENT;
            }
            if (PERMANENT_CLASSES.contains(sqlClass)) {
                return Kind.PERMANENT;
            }
        }
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException) {
            return Kind.TRANSIENT;
        }
        return state == null ? duckDb(failure.getMessage()) : Kind.UNKNOWN;
    }

    private static Kind duckDb(String message) {
        if (message == null) {
            return Kind.UNKNOWN;
        }
        int end = message.indexOf(" Error:");
        if (end <= 0) {
            return Kind.UNKNOWN;
        }
        return DUCKDB_ERRORS.getOrDefault(message.substring(0, end).strip().toLowerCase(Locale.ROOT), Kind.UNKNOWN);
    }
}
