package io.playstream.transform.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ephemeral models become CTEs at the head of the model that reads them, as dbt inlines them. */
class EphemeralInliningTest {

    static final Map<String, String> CTES = new LinkedHashMap<>(Map.of("__dbt__cte__base", "select 1 as x"));

    @Test
    void aModelWithoutCtesGetsAWithClause() {
        assertThat(ModelCompiler.inject("select * from __dbt__cte__base", CTES))
                .isEqualTo("with __dbt__cte__base as (\nselect 1 as x\n)\nselect * from __dbt__cte__base");
    }

    @Test
    void aModelWithItsOwnCtesAfterCommentsGetsTheEphemeralFirstInTheSameWithClause() {
        String sql = "-- the model\n/* block */\nWITH a as (select * from __dbt__cte__base)\nselect * from a";
        assertThat(ModelCompiler.inject(sql, CTES)).isEqualTo(
                "-- the model\n/* block */\nwith __dbt__cte__base as (\nselect 1 as x\n),\n a as (select * from __dbt__cte__base)\nselect * from a");
    }
}
