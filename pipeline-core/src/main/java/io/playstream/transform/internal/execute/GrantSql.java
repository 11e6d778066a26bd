package io.playstream.transform.internal.execute;

import io.playstream.transform.internal.jinja.Relation;
import io.playstream.warehouse.sql.Dialect;
import io.playstream.warehouse.sql.DuckDbDialect;
import io.playstream.warehouse.sql.SnowflakeDialect;
import java.util.Collection;

/**
 * The statements of dbt's {@code apply_grants} for one warehouse: dbt's default
 * {@code grant <privilege> on <relation> to <grantees>} and {@code revoke ... from ...} (PostgreSQL
 * and Snowflake take several grantees in one statement), and how the grants in place are read:
 * dbt-postgres' query of {@code information_schema.role_table_grants} (grants the current role
 * gave to others), Snowflake's {@code show grants on}. DuckDB has no grants.
 */
record GrantSql(boolean supported, boolean snowflake) {

    static GrantSql of(Dialect dialect) {
        return new GrantSql(!(dialect instanceof DuckDbDialect), dialect instanceof SnowflakeDialect);
    }

    String grant(Relation relation, String privilege, Collection<String> grantees) {
        return "grant " + privilege + " on " + relation + " to " + String.join(", ", grantees);
    }

    String revoke(Relation relation, String privilege, Collection<String> grantees) {
        return "revoke " + privilege + " on " + relation + " from " + String.join(", ", grantees);
    }

    /**
     * The statement listing the grants in place: dbt-postgres' query gives (grantee, privilege)
     * rows; Snowflake's {@code show grants on} gives its own columns (the runner does not build on
     * Snowflake, whose statements are checked as text).
     */
    String showGrants(Relation relation) {
        if (snowflake) {
            return "show grants on " + relation;
        }
        return "select grantee, privilege_type from information_schema.role_table_grants\n"
                + "where grantor = current_role and grantee != current_role\n"
                + "and table_schema = '" + relation.getSchema() + "' and table_name = '" + relation.getIdentifier() + "'";
    }
}
