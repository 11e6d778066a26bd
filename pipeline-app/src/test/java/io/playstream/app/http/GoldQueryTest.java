package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldQueryTest {

    private static final List<TableColumn> COLUMNS = List.of(
            new TableColumn("country", Types.VARCHAR, "VARCHAR"),
            new TableColumn("plays", Types.BIGINT, "BIGINT"));

    @Test
    void filterValuesBecomeParametersAndNamesComeFromTheTablesMetadata() {
        GoldQuery query = GoldQuery.parse(GoldTable.ENGAGEMENT_BY_COUNTRY, COLUMNS,
                Map.of("country", List.of("UK' or '1'='1"), "order", List.of("-plays"), "limit", List.of("5"), "offset", List.of("10")));

        assertThat(GoldReader.sql(query, "\"")).isEqualTo("select \"country\", \"plays\" from gold.engagement_by_country"
                + " where \"country\" = ? order by \"plays\" desc, \"country\" asc limit 6 offset 10");
    }

    @Test
    void withoutAnOrderTheKeyOrdersThePages() {
        GoldQuery query = GoldQuery.parse(GoldTable.ENGAGEMENT_BY_COUNTRY, COLUMNS, Map.of());

        assertThat(GoldReader.sql(query, "\"")).endsWith("order by \"country\" asc limit 101 offset 0");
    }

    @Test
    void aColumnThatIsNotInTheTableIsRefusedBeforeAnySqlIsWritten() {
        assertThatThrownBy(() -> GoldQuery.parse(GoldTable.ENGAGEMENT_BY_COUNTRY, COLUMNS, Map.of("1=1 --", List.of("x"))))
                .isInstanceOf(ApiError.class).hasMessageContaining("has no column '1?1 --'").hasMessageContaining("columns: country, plays");
        assertThatThrownBy(() -> GoldQuery.parse(GoldTable.ENGAGEMENT_BY_COUNTRY, COLUMNS, Map.of("order", List.of("players desc"))))
                .isInstanceOf(ApiError.class).hasMessageContaining("has no column 'players'")
                .hasMessageContaining(GoldQuery.ORDER_FORMS);
    }

    @Test
    void descendingIsALeadingMinusOrATrailingDescWithASpaceOrAColon() {
        for (String descending : List.of("-plays", "plays desc", "plays:desc", "plays DESC", " plays  desc ")) {
            GoldQuery query = GoldQuery.parse(GoldTable.ENGAGEMENT_BY_COUNTRY, COLUMNS, Map.of("order", List.of(descending)));

            assertThat(GoldReader.sql(query, "\"")).as(descending).endsWith("order by \"plays\" desc, \"country\" asc limit 101 offset 0");
        }
        GoldQuery ascending = GoldQuery.parse(GoldTable.ENGAGEMENT_BY_COUNTRY, COLUMNS, Map.of("order", List.of("plays:asc,country asc")));
        assertThat(GoldReader.sql(ascending, "\"")).endsWith("order by \"plays\" asc, \"country\" asc limit 101 offset 0");
    }

    @Test
    void anOrderThatIsNotOneOfTheFormsNamesTheAcceptedOnes() {
        for (String bad : List.of("-plays desc", "plays sideways", "plays:", "", "--plays")) {
            assertThatThrownBy(() -> GoldQuery.parse(GoldTable.ENGAGEMENT_BY_COUNTRY, COLUMNS, Map.of("order", List.of(bad))))
                    .as(bad).isInstanceOf(ApiError.class).hasMessageContaining(GoldQuery.ORDER_FORMS);
        }
    }

    @Test
    void periodAndStartBecomeFiltersOnThePeriodColumnsFromThePeriodsFirstDay() {
        List<TableColumn> columns = List.of(new TableColumn("period_grain", Types.VARCHAR, "VARCHAR"),
                new TableColumn("period_start_date", Types.DATE, "DATE"), new TableColumn("song_id", Types.VARCHAR, "VARCHAR"));
        for (Map.Entry<String, String> firstDay : Map.of("day", "2026-12-03", "week", "2026-11-30", "month", "2026-12-01",
                "year", "2026-01-01").entrySet()) {
            GoldQuery query = GoldQuery.parse(GoldTable.TOP_SONGS_BY_PERIOD, columns,
                    Map.of("period", List.of(firstDay.getKey()), "start", List.of("2026-12-03")));

            assertThat(query.filters().values()).as(firstDay.getKey()).containsExactlyInAnyOrder(firstDay.getKey(), firstDay.getValue());
        }
        assertThat(GoldQuery.parse(GoldTable.TOP_SONGS_BY_PERIOD, columns, Map.of("period", List.of("all_time"))).filters().values())
                .containsExactly("all_time");
        assertThatThrownBy(() -> GoldQuery.parse(GoldTable.TOP_SONGS_BY_PERIOD, columns,
                Map.of("period", List.of("week"), "period_grain", List.of("day")))).isInstanceOf(ApiError.class).hasMessageContaining("not both");
    }
}
