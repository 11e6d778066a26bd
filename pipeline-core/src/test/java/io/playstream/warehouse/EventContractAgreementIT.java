package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.EventRules;
import io.playstream.event.RejectReason;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.QuarantinedRescue;
import io.playstream.testing.ScratchPostgres;
import io.playstream.transform.RunSummary;
import io.playstream.transform.TransformOptions;
import io.playstream.transform.TransformRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One corpus, one verdict: the original pipeline's events, the hostile corpus and 10,000 fuzzed
 * lines are written as one bronze object, loaded and judged by the repository's dbt project on
 * DuckDB and on PostgreSQL, and every line's verdict (a rejected line with its reason, a
 * quarantined row with its reason, or a silver event) must be the one the event contract gives in
 * Java: {@link BronzeLineParser} for the line, {@link EventRules} for the fields. The dbt project
 * cannot import Java, so this is how its rules are held to the contract. (Lines with a raw line
 * break are left out: they cannot be one bronze line, and the sink refuses them.)
 */
class EventContractAgreementIT {

    private static final Instant HOUR = Instant.parse("2025-12-10T15:00:00Z");
    private static final Path DBT = Path.of("../dbt");
    /** A bare NaN or Infinity where a JSON value is due. */
    private static final Pattern NON_FINITE = Pattern.compile("[:,\\[]\\s*-?(NaN|Infinity)");
    private static final String ODD_BYTES_KEY = BronzeFiles.key(1_000_000, HOUR).value();

    /** The corpus's lines DuckDB's CSV reader takes, and those it refuses whole objects for. */
    private static List<byte[]> corpus;
    private static List<byte[]> oddBytes;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildCorpus() throws IOException {
        ContractCorpus built = ContractCorpus.build();
        corpus = built.lines();
        oddBytes = built.oddBytes();
    }

    @Test
    void duckDbJudgesEveryLineAsTheContractDoes() throws Exception {
        try (Warehouse warehouse = Warehouses.open("duckdb:" + dir.resolve("warehouse.duckdb"), Map.of())) {
            assertAgrees(warehouse);
            // not yet line by line: for a line that is not UTF-8 or holds a raw NUL (its column
            // delimiter) DuckDB's CSV reader refuses the whole object, which is kept aside with its
            // reason and stays in the store; the Java loaders reject each such line alone
            assertThat(verdicts(warehouse, ODD_BYTES_KEY)).containsOnlyKeys(0L);
        }
    }

    @Test
    void postgresJudgesEveryLineAsTheContractDoes() throws Exception {
        try (ScratchPostgres database = ScratchPostgres.create("contract_agreement");
                Warehouse warehouse = database.warehouse()) {
            assertAgrees(warehouse);
            assertThat(verdicts(warehouse, ODD_BYTES_KEY)).isEqualTo(contractVerdicts(oddBytes, null, new HashSet<>()));
        }
    }

    private void assertAgrees(Warehouse warehouse) throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("lake"));
        String key = BronzeFiles.key(0, HOUR).value();
        store.put(key, ContractCorpus.gzip(corpus));
        store.put(ODD_BYTES_KEY, ContractCorpus.gzip(oddBytes));
        LoadResult load = new BronzeLoader(warehouse, store).load();
        List<String> log = new ArrayList<>();
        RunSummary run = new TransformRunner(warehouse, log::add)
                .run(TransformOptions.of(DBT).withTargetPath(dir.resolve("target")));
        assertThat(run.succeeded()).as(String.join("\n", log)).isTrue();

        Map<Long, String> found = verdicts(warehouse, key);
        assertThat(found).as("the object is read line by line, %s", load).doesNotContainKey(0L);
        Map<Long, String> expected = contractVerdicts(corpus, loadedAt(warehouse), new HashSet<>());
        List<String> disagreements = new ArrayList<>();
        List<Long> nonFinite = new ArrayList<>();
        expected.forEach((line, verdict) -> {
            String text = new String(corpus.get((int) (line - 1)), StandardCharsets.UTF_8);
            if (!verdict.equals(found.get(line)) && warehouse.dbtType().equals("duckdb")
                    && NON_FINITE.matcher(text).find()) {
                // a known gap, left open: DuckDB's JSON reader takes NaN and Infinity, which JSON
                // does not have; the sink refuses such messages (NOT_JSON), so only an object
                // written by another producer can hold one
                nonFinite.add(line);
            } else if (!verdict.equals(found.get(line))) {
                disagreements.add("line " + line + ": contract " + verdict + ", " + warehouse.dbtType() + " "
                        + found.get(line) + ": " + ContractCorpus.shown(corpus.get((int) (line - 1))));
            }
        });
        assertThat(disagreements).as("%d of %d lines", disagreements.size(), corpus.size()).isEmpty();
        assertThat(nonFinite).as("the hostile corpus's NaN and Infinity").hasSizeLessThanOrEqualTo(2);
        assertThat(found).hasSameSizeAs(expected);
        assertThat(Set.copyOf(expected.values())).as("the corpus reaches every verdict silver can give")
                .containsAll(RejectReason.quarantineOrder().stream().map(r -> "quarantine:" + r.quarantineCode()).toList());
        assertThat(QuarantinedRescue.assertSameAsBronze(warehouse)).as("quarantined lines with rescued members").isPositive();
    }

    /** The contract's verdict on each line, by line number. */
    private static Map<Long, String> contractVerdicts(List<byte[]> corpus, Instant loadedAt, Set<String> kept)
            throws IOException {
        EventRules.TimeWindow window = loadedAt == null ? null : timeWindow();
        BronzeLineParser parser = new BronzeLineParser();
        Map<Long, String> verdicts = new TreeMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            byte[] line = corpus.get(i);
            BronzeLineParser.Line parsed = parser.parse(line, line.length);
            String verdict;
            if (parsed.isRejected()) {
                verdict = "rejected:" + parsed.rejectReason();
            } else {
                String[] fields = parsed.fields();
                verdict = EventRules.firstBroken(name -> fields[BronzeTables.FIELD_COLUMNS.indexOf(name)], loadedAt, window)
                        .map(r -> "quarantine:" + r.quarantineCode())
                        .orElseGet(() -> kept.add(fields[0]) ? "silver" : "quarantine:duplicate_event_id");
            }
            verdicts.put(i + 1L, verdict);
        }
        return verdicts;
    }

    /** The warehouse's verdict on each line of an object: rejected by the loader, quarantined or in silver. */
    private static Map<Long, String> verdicts(Warehouse warehouse, String key) throws Exception {
        Map<Long, String> verdicts = new TreeMap<>();
        String object = "'" + key + "'";
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            collect(s, "select line_number, 'rejected:' || reason from bronze._rejected_lines where object_key = "
                    + object, verdicts);
            collect(s, "select _line_number, 'quarantine:' || reject_reason from silver.stg_events_quarantine "
                    + "where _source_object = " + object, verdicts);
            collect(s, "select _line_number, 'silver' from silver.stg_events where _source_object = " + object, verdicts);
        }
        return verdicts;
    }

    private static void collect(Statement statement, String sql, Map<Long, String> verdicts) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String previous = verdicts.put(rows.getLong(1), rows.getString(2));
                assertThat(previous).as("line %d judged twice", rows.getLong(1)).isNull();
            }
        }
    }

    private static Instant loadedAt(Warehouse warehouse) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select distinct _loaded_at from bronze.spotify_events")) {
            assertThat(rows.next()).isTrue();
            Instant loadedAt = rows.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
            assertThat(rows.next()).as("one load batch").isFalse();
            return loadedAt;
        }
    }

    /** The project's own vars, so the Java rule and the models judge time alike. */
    private static EventRules.TimeWindow timeWindow() throws IOException {
        String project = Files.readString(DBT.resolve("dbt_project.yml"));
        return new EventRules.TimeWindow(
                LocalDateTime.parse(var(project, "earliest_event_at").replace(' ', 'T')).toInstant(ZoneOffset.UTC),
                Duration.ofHours(Long.parseLong(var(project, "max_clock_skew_hours"))));
    }

    private static String var(String project, String name) {
        Matcher value = Pattern.compile("\\n\\s*" + name + ":\\s*'?([^'\\n]+)'?").matcher(project);
        assertThat(value.find()).as(name).isTrue();
        return value.group(1).trim();
    }
}
