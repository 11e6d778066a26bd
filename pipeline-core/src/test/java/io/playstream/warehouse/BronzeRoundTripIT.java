package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.ScratchPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost without {@code _raw} (CONTRACTS.md §3): every line of the contract's corpus
 * ({@link ContractCorpus}) is rebuilt from its bronze row, field columns plus {@code _rescued}, as
 * the same JSON, or is in {@code _rejected_lines} byte for byte, on DuckDB and on PostgreSQL. The
 * lines neither engine's text can hold (not UTF-8, a raw NUL) are left out: DuckDB keeps their
 * object aside whole, PostgreSQL rejects each line, and the object store keeps their bytes.
 */
class BronzeRoundTripIT {

    private static final Instant HOUR = Instant.parse("2025-12-10T15:00:00Z");
    /** A bare NaN or Infinity where a JSON value is due: DuckDB's reader takes them, JSON has none. */
    private static final Pattern NON_FINITE = Pattern.compile("[:,\\[]\\s*-?(NaN|Infinity)");

    private static ContractCorpus corpus;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildCorpus() throws IOException {
        corpus = ContractCorpus.build();
    }

    @Test
    void duckDbKeepsEveryLineOfTheCorpus() throws Exception {
        try (Warehouse warehouse = Warehouses.open("duckdb:" + dir.resolve("warehouse.duckdb"), Map.of())) {
            // DuckDB's CSV reader refuses a whole object for a line that is not UTF-8 or holds a
            // raw NUL: those objects stay in the store, kept aside whole (EventContractAgreementIT)
            assertEveryLineIsKept(warehouse, corpus.lines(), true);
        }
    }

    @Test
    void postgresKeepsEveryLineOfTheCorpus() throws Exception {
        try (ScratchPostgres database = ScratchPostgres.create("bronze_round_trip");
                Warehouse warehouse = database.warehouse()) {
            // a line that is not UTF-8 or holds a raw NUL is rejected alone (EventContractAgreementIT),
            // but PostgreSQL's text cannot hold it byte for byte: the store keeps those bytes
            assertEveryLineIsKept(warehouse, corpus.lines(), false);
        }
    }

    private void assertEveryLineIsKept(Warehouse warehouse, List<byte[]> lines, boolean nonFiniteNumbersRead)
            throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("lake"));
        store.put(BronzeFiles.key(0, HOUR).value(), ContractCorpus.gzip(lines));

        new BronzeLoader(warehouse, store).load();

        Map<Long, Map<String, String>> rows = byLine(warehouse, "select * from bronze.spotify_events", "_line_number");
        Map<Long, Map<String, String>> rejected = byLine(warehouse, "select * from bronze._rejected_lines", "line_number");
        List<String> lost = new ArrayList<>();
        int rescued = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = new String(lines.get(i), StandardCharsets.UTF_8);
            Map<String, String> row = rows.get(i + 1L);
            if (row != null) {
                rescued += row.get(BronzeTables.RESCUED) == null ? 0 : 1;
                if (nonFiniteNumbersRead && NON_FINITE.matcher(line).find()) {
                    continue; // a known gap, left open: see EventContractAgreementIT
                }
                if (row.get(BronzeTables.RAW) != null || !RebuiltLine.fromBronze(row).equals(RebuiltLine.of(line))) {
                    lost.add("line " + (i + 1) + " rebuilt as " + row + ": " + ContractCorpus.shown(lines.get(i)));
                }
            } else if (rejected.get(i + 1L) == null || !line.equals(rejected.get(i + 1L).get("raw_line"))) {
                lost.add("line " + (i + 1) + " neither in bronze nor rejected whole: " + ContractCorpus.shown(lines.get(i)));
            }
        }
        assertThat(lost).as("%d of %d lines", lost.size(), lines.size()).isEmpty();
        assertThat(rows.size() + rejected.size()).isEqualTo(lines.size());
        assertThat(rescued).as("the corpus has lines to rescue").isGreaterThan(100);
    }

    private static Map<Long, Map<String, String>> byLine(Warehouse warehouse, String sql, String lineColumn)
            throws Exception {
        Map<Long, Map<String, String>> byLine = new HashMap<>();
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rows.getString(i));
                }
                byLine.put(Long.parseLong(row.get(lineColumn)), row);
            }
        }
        return byLine;
    }
}
