package io.playstream.transform;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Loads the fixture events (one JSON per line) into {@code bronze.spotify_events} in one bulk
 * statement: DuckDB reads the file itself, PostgreSQL takes it by COPY. The table has the shape of
 * a bronze from before {@code _rescued} (every row keeps {@code _raw}, no {@code _rescued} column),
 * which the project must build on as on today's (CONTRACTS.md §3, "Migration"); the loader's own
 * bronze is built on by the tests that load through it ({@code HostileCorpusIT}, {@code EventContractAgreementIT}).
 */
final class BronzeFixture {

    static final List<String> FIELDS = List.of("event_id", "user_id", "song_id", "artist_name", "song_name", "event_type",
            "device_type", "country", "timestamp", "session_id", "position_ms", "duration_ms", "schema_version");
    static final String SOURCE_OBJECT = "fixtures/seed-events.ndjson";
    static final String LOADED_AT = "timestamp '2025-12-10 16:00:00'";

    private BronzeFixture() {
    }

    /** The fixture file of the original pipeline's 710 events. */
    static Optional<Path> events() {
        return Optional.of(io.playstream.testing.Fixtures.seedEvents().toAbsolutePath());
    }

    static String createTable() {
        String fields = FIELDS.stream().map(f -> '"' + f + "\" varchar").collect(Collectors.joining(", "));
        return "create table bronze.spotify_events (" + fields
                + ", _raw varchar, _source_object varchar, _line_number bigint, _loaded_at timestamp)";
    }

    static void loadDuckDb(Connection connection, Path events) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("create schema if not exists bronze");
            s.execute(createTable());
            String extracted = FIELDS.stream().map(f -> "json_extract_string(line, '$." + f + "')").collect(Collectors.joining(", "));
            s.execute("insert into bronze.spotify_events select " + extracted + ", line, '" + SOURCE_OBJECT + "', line_number, " + LOADED_AT
                    + " from (select lines[i] as line, i as line_number from (select string_split(content, chr(10)) as lines "
                    + "from read_text('" + events + "')) f, range(1, len(lines) + 1) r(i)) where line <> ''");
        }
    }

    static void loadPostgres(Connection connection, Path events) throws SQLException, IOException {
        try (Statement s = connection.createStatement()) {
            s.execute("create schema if not exists bronze");
            s.execute(createTable());
            s.execute("create temporary table fixture_lines (line_number bigserial, line text)");
            try (Reader reader = Files.newBufferedReader(events)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy fixture_lines (line) from stdin with (format csv, delimiter E'\\x01', quote E'\\x02')", reader);
            }
            String extracted = FIELDS.stream().map(f -> "line::json->>'" + f + "'").collect(Collectors.joining(", "));
            s.execute("insert into bronze.spotify_events select " + extracted + ", line, '" + SOURCE_OBJECT + "', line_number, "
                    + LOADED_AT + " from fixture_lines where line <> ''");
        }
    }
}
