package io.playstream.transform.internal.datatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names and unique ids below are the ones dbt-core 1.11.14 wrote for this project's tests. */
class TestNamesTest {

    private static String uniqueId(boolean onSource, String test, String target, String column, Map<String, Object> args,
            String relationCall) {
        TestNames.Names names = TestNames.names(onSource, test, target, column, args);
        return TestNames.uniqueId("playstream", names.name(), TestNames.metadata(test, column, args, relationCall));
    }

    @Test
    void aColumnTestGetsDbtsNameAndUniqueId() {
        assertThat(uniqueId(false, "not_null", "stg_events", "event_id", Map.of(), "ref('stg_events')"))
                .isEqualTo("test.playstream.not_null_stg_events_event_id.715b3f7012");
        assertThat(uniqueId(true, "not_null", "bronze_spotify_events", "_line_number", Map.of(), "source('bronze', 'spotify_events')"))
                .isEqualTo("test.playstream.source_not_null_bronze_spotify_events__line_number.af24a952dc");
    }

    @Test
    void argumentsEnterTheNameSortedByKeyAndTheHashAsWritten() {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("min_value", 0);
        range.put("max_value", 1);
        assertThat(uniqueId(false, "dbt_utils.accepted_range", "top_songs", "skip_rate", range, "ref('top_songs')"))
                .isEqualTo("test.playstream.dbt_utils_accepted_range_top_songs_skip_rate__1__0.f39cd6e484");
        Map<String, Object> relationship = new LinkedHashMap<>();
        relationship.put("to", "ref('stg_events')");
        relationship.put("field", "song_id");
        assertThat(uniqueId(false, "relationships", "top_songs", "song_id", relationship, "ref('top_songs')"))
                .isEqualTo("test.playstream.relationships_top_songs_song_id__song_id__ref_stg_events_.025302f0c2");
    }

    @Test
    void aLongNameIsKeptWholeAndOnlyTheAliasIsShortened() {
        Map<String, Object> args = Map.of("combination_of_columns", List.of("_source_object", "_line_number"));
        TestNames.Names names = TestNames.names(false, "dbt_utils.unique_combination_of_columns", "stg_events_quarantine", null, args);

        assertThat(names.name()).isEqualTo("dbt_utils_unique_combination_of_columns_stg_events_quarantine__source_object___line_number");
        assertThat(names.alias()).isEqualTo("dbt_utils_unique_combination_o_f8df5af63bd6865c77082c63392d52bc");
        assertThat(uniqueId(false, "dbt_utils.unique_combination_of_columns", "stg_events_quarantine", null, args,
                "ref('stg_events_quarantine')")).endsWith(names.name() + ".20b1f519c5");
    }
}
