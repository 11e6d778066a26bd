package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.CsvText;
import io.playstream.transform.internal.project.SeedSettings;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.RelationType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code dbt seed} for one seed: its CSV into a table of the same name. As dbt's seed
 * materialization: the first load (and {@code --full-refresh}, or a view in the way) creates the
 * table with each column's type from {@code column_types} or inferred from its values; a later load
 * empties the table and inserts the file again, keeping the table (and what depends on it), so a
 * changed header needs {@code --full-refresh}. All in one transaction: a failed load leaves the
 * old rows. Values are sent as text and cast to the column's type, as the literals dbt binds are.
 */
final class SeedLoader {

    /** Rows per insert statement, as dbt's {@code get_batch_size()}. */
    static final int BATCH = 10_000;

    private final SqlSession session;
    private final Dialect dialect;
    private final boolean fullRefresh;

    SeedLoader(SqlSession session, Dialect dialect, boolean fullRefresh) {
        this.session = session;
        this.dialect = dialect;
        this.fullRefresh = fullRefresh;
    }

    ModelBuilder.BuildOutcome load(ModelNode seed, RelationType existing) {
        String path = seed.path();
        SeedSettings settings = SeedSettings.of(seed.config(), path);
        CsvText.Table csv = CsvText.parse(seed.file().file().text(), settings.delimiter(), path);
        Map<String, String> types = types(csv, settings, path);
        boolean refresh = fullRefresh && seed.config().fullRefreshAllowed();
        Relation table = seed.relation();
        List<String> statements = new ArrayList<>();
        if (existing == null || existing == RelationType.VIEW || refresh) {
            if (existing != null) {
                statements.add(dialect.drop(table, existing));
            }
            statements.add("create table " + table + " (" + types.entrySet().stream()
                    .map(c -> column(c.getKey(), settings) + " " + c.getValue()).collect(Collectors.joining(", ")) + ")");
        } else {
            statements.add("truncate table " + table);
        }
        String columns = csv.header().stream().map(c -> column(c, settings)).collect(Collectors.joining(", "));
        String row = types.values().stream().map(t -> "cast(? as " + t + ")").collect(Collectors.joining(", ", "(", ")"));
        session.inTransaction(() -> {
            statements.forEach(session::execute);
            for (int from = 0; from < csv.rows().size(); from += BATCH) {
                List<List<String>> chunk = csv.rows().subList(from, Math.min(csv.rows().size(), from + BATCH));
                List<String> values = new ArrayList<>();
                chunk.forEach(r -> r.forEach(v -> values.add(SeedColumnTypes.isNull(v) ? null : v)));
                session.execute("insert into " + table + " (" + columns + ") values " + String.join(", ", Collections.nCopies(chunk.size(), row)),
                        values);
            }
            return null;
        });
        long rows = csv.rows().size();
        return new ModelBuilder.BuildOutcome("INSERT " + rows, rows, true);
    }

    /** Each column's SQL type: the configured one, else the one dbt infers from the values. */
    private static Map<String, String> types(CsvText.Table csv, SeedSettings settings, String path) {
        for (String configured : settings.columnTypes().keySet()) {
            if (!csv.header().contains(configured)) {
                throw PlaystreamException.permanent(path + ": column_types names '" + configured + "', which is not a column of the file "
                        + csv.header());
            }
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < csv.header().size(); i++) {
            int column = i;
            String name = csv.header().get(i);
            types.put(name, settings.columnTypes().getOrDefault(name,
                    SeedColumnTypes.infer(csv.rows().stream().map(r -> r.get(column)).toList())));
        }
        if (types.size() != csv.header().size()) {
            throw PlaystreamException.permanent(path + ": two columns have the same name in " + csv.header());
        }
        return types;
    }

    private String column(String name, SeedSettings settings) {
        return settings.quoteColumns() ? dialect.quote(name) : name;
    }
}
