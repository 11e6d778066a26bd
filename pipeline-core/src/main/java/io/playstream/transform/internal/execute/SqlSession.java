package io.playstream.transform.internal.execute;

import io.playstream.Failures;
import io.playstream.LogText;
import io.playstream.PlaystreamException;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.warehouse.sql.RelationType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runner's JDBC: statements, counts, catalog look-ups, and statements run as one transaction. */
public final class SqlSession {

    private static final Logger LOG = LoggerFactory.getLogger(SqlSession.class);

    private final Connection connection;

    public SqlSession(Connection connection) {
        this.connection = connection;
    }

    /** Runs a statement; returns its update count (or -1). */
    public long execute(String sql) {
        LOG.trace("execute(sql={})", sql);
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            boolean hasResult = statement.execute(sql);
            return hasResult ? -1 : statement.getLargeUpdateCount();
        } catch (SQLException e) {
            throw failure(e, sql);
        } finally {
            if (LOG.isDebugEnabled()) { // where a slow build spends its time, statement by statement
                LOG.debug("Statement(ms={}, sql={})", (System.nanoTime() - started) / 1_000_000, LogText.printable(sql.strip(), 160));
            }
        }
    }

    /** Runs the statements in one transaction, all or none; returns the last one's update count. */
    public long inTransaction(List<String> statements) {
        return inTransaction(() -> {
            long last = -1;
            for (String statement : statements) {
                last = execute(statement);
            }
            return last;
        });
    }

    /**
     * Runs the work's statements in one transaction, all or none; returns what the work returns.
     * On a connection whose caller holds a transaction open (a run on a pinned snapshot) they are
     * that transaction's, which its caller commits or rolls back: committing here would end the snapshot.
     */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        try {
            if (!connection.getAutoCommit()) {
                return work.get();
            }
            connection.setAutoCommit(false);
            try {
                T result = work.get();
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Failures.wrap("transaction failed: " + e.getMessage(), e);
        }
    }

    /** Runs a statement with text parameters (values that may hold any character); returns its update count. */
    public long execute(String sql, List<String> parameters) {
        LOG.trace("execute(sql={})", sql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            return statement.executeLargeUpdate();
        } catch (SQLException e) {
            throw failure(e, sql);
        }
    }

    /** Every row of a query, each column read as text (null stays null). */
    public List<List<String>> queryRows(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw failure(e, sql);
        }
    }

    /**
     * Runs a statement for Jinja ({@code run_query}, a {@code statement} block): its rows with their
     * JDBC values, or none for a statement without rows, and a response as dbt's adapters word it.
     */
    public io.playstream.transform.internal.jinja.QueryTable query(String sql) {
        LOG.trace("query(sql={})", sql);
        try (Statement statement = connection.createStatement()) {
            String verb = sql.strip().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
            if (!statement.execute(sql)) {
                long count = statement.getLargeUpdateCount();
                return new io.playstream.transform.internal.jinja.QueryTable(List.of(), List.of(), verb + (count >= 0 ? " " + count : ""));
            }
            try (ResultSet rs = statement.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    names.add(meta.getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(names.size());
                    for (int i = 1; i <= names.size(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return new io.playstream.transform.internal.jinja.QueryTable(names, rows, "SELECT " + rows.size());
            }
        } catch (SQLException e) {
            throw failure(e, sql);
        }
    }

    public long queryLong(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(e, sql);
        }
    }

    /**
     * A transient failure (terminated session, network, server restart, deadlock) may pass on a new
     * connection; anything else is the statement's own failure, of the kind {@link Failures} gives it.
     */
    private static PlaystreamException failure(SQLException e, String sql) {
        String message = e.getMessage().strip();
        PlaystreamException.Kind kind = Failures.classify(e);
        return kind == PlaystreamException.Kind.TRANSIENT
                ? PlaystreamException.retriable("the warehouse connection failed: " + message, e)
                : new SqlFailure(kind, Failures.message(kind, message), sql, e);
    }

    /** Whether the relation exists, and as what. */
    public Optional<RelationType> relationType(Relation relation) {
        String sql = "select table_type from information_schema.tables where lower(table_schema) = lower(?) and lower(table_name) = lower(?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, relation.getSchema());
            statement.setString(2, relation.getIdentifier());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(rs.getString(1).toUpperCase(java.util.Locale.ROOT).contains("VIEW") ? RelationType.VIEW : RelationType.TABLE);
            }
        } catch (SQLException e) {
            throw Failures.wrap("cannot look up " + relation + ": " + e.getMessage(), e);
        }
    }

    /** The relation's columns in order, with their database type names. */
    public Map<String, String> columns(Relation relation) {
        return columnsOf("select * from " + relation + " where 1 = 0", relation.toString());
    }

    /** The columns a query returns, in order, with their database type names; {@code what} names it in errors. */
    public Map<String, String> columnsOf(String query, String what) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, String> columns = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.put(meta.getColumnName(i), typeOf(meta, i));
            }
            return columns;
        } catch (SQLException e) {
            throw Failures.wrap("cannot read the columns of " + what + ": " + e.getMessage(), e);
        }
    }

    private static String typeOf(ResultSetMetaData meta, int i) throws SQLException {
        String type = meta.getColumnTypeName(i);
        return (type.equalsIgnoreCase("DECIMAL") || type.equalsIgnoreCase("NUMERIC")) && meta.getPrecision(i) > 0
                ? type + "(" + meta.getPrecision(i) + "," + meta.getScale(i) + ")" : type;
    }

    public List<String> columnNames(Relation relation) {
        return new ArrayList<>(columns(relation).keySet());
    }

    /** A statement that failed: the database's message with the SQL that caused it. */
    public static final class SqlFailure extends PlaystreamException {
        private static final long serialVersionUID = 1L;
        private final String sql;

        SqlFailure(Kind kind, String message, String sql, Throwable cause) {
            super(kind, message, cause);
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }
}
