package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.graph.ModelNode;
import io.playstream.transform.internal.jinja.Relation;
import io.playstream.transform.internal.project.Grants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * dbt's {@code apply_grants} after a model is built. A relation built anew (a table or view, or an
 * incremental model's first build or full refresh) has no grants, so every configured grant is
 * given; an incremental model's existing table keeps its grants, so the grants in place are read
 * and those no longer configured are revoked first, as dbt-postgres does ({@code copy_grants} false).
 * A model without {@code grants} is left alone: removing the config revokes nothing, as in dbt.
 * DuckDB has no grants: the runner says so and goes on, as dbt-duckdb does.
 */
final class GrantApplier {

    private final SqlSession session;
    private final GrantSql sql;
    private final Consumer<String> console;

    GrantApplier(SqlSession session, GrantSql sql, Consumer<String> console) {
        this.session = session;
        this.sql = sql;
        this.console = console;
    }

    /** @param keptTable whether the build changed an existing table in place (an incremental run) */
    void apply(ModelNode model, boolean keptTable) {
        Grants grants = Grants.of(model.config(), model.path());
        if (grants.isEmpty()) {
            return;
        }
        if (!sql.supported()) {
            console.accept("  grants on " + model.relation() + " not applied: DuckDB has no grants (dbt-duckdb ignores them too)");
            return;
        }
        statements(model.relation(), grants, keptTable ? inPlace(model.relation()) : Map.of()).forEach(session::execute);
    }

    /** The revokes, then the grants, that take the relation from {@code current} to the configured grants. */
    List<String> statements(Relation relation, Grants grants, Map<String, Set<String>> current) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        grants.privileges().forEach((privilege, grantees) -> wanted.put(privilege,
                new LinkedHashSet<>(grantees.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList())));
        List<String> statements = new ArrayList<>();
        difference(current, wanted).forEach((privilege, grantees) -> statements.add(sql.revoke(relation, privilege, grantees)));
        difference(wanted, current).forEach((privilege, grantees) -> statements.add(sql.grant(relation, privilege, grantees)));
        return statements;
    }

    /** dbt's {@code diff_of_two_dicts}: each privilege's grantees in {@code a} but not in {@code b}. */
    private static Map<String, Set<String>> difference(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        Map<String, Set<String>> diff = new LinkedHashMap<>();
        a.forEach((privilege, grantees) -> {
            Set<String> missing = new LinkedHashSet<>(grantees);
            missing.removeAll(b.getOrDefault(privilege, Set.of()));
            if (!missing.isEmpty()) {
                diff.put(privilege, missing);
            }
        });
        return diff;
    }

    private Map<String, Set<String>> inPlace(Relation relation) {
        Map<String, Set<String>> current = new LinkedHashMap<>();
        for (List<String> row : session.queryRows(sql.showGrants(relation))) {
            current.computeIfAbsent(row.get(1).toLowerCase(Locale.ROOT), p -> new LinkedHashSet<>()).add(row.get(0).toLowerCase(Locale.ROOT));
        }
        return current;
    }
}
