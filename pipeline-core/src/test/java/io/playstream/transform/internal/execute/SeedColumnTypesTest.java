package io.playstream.transform.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed column types as real dbt 1.11 (agate, dbt-postgres) gives them for the same CSV values. */
class SeedColumnTypesTest {

    @Test
    void typesAsDbtInfersThem() {
        assertThat(SeedColumnTypes.infer(List.of("331000000", "83000000"))).isEqualTo("integer");
        assertThat(SeedColumnTypes.infer(List.of("9.8", "0.357"))).isEqualTo("float8");
        assertThat(SeedColumnTypes.infer(List.of("1776-07-04", "1949-05-23"))).isEqualTo("date");
        assertThat(SeedColumnTypes.infer(List.of("true", "false", ""))).isEqualTo("boolean");
        assertThat(SeedColumnTypes.infer(List.of("2020-01-01 10:00:00", "2020-01-02 11:30:00"))).isEqualTo("timestamp without time zone");
        assertThat(SeedColumnTypes.infer(List.of("2020-01-01T10:00:00", "2020-01-02T11:30:00"))).isEqualTo("timestamp without time zone");
        // one date-time spelling each: neither format fits both, so text (dbt: text)
        assertThat(SeedColumnTypes.infer(List.of("2020-01-01 10:00:00", "2020-01-01T10:00:00"))).isEqualTo("text");
        assertThat(SeedColumnTypes.infer(List.of("", "null", ""))).as("nothing but nulls (dbt: integer)").isEqualTo("integer");
        assertThat(SeedColumnTypes.infer(List.of("US", "DE"))).isEqualTo("text");
    }

    @Test
    void emptyAndNullAreNull() {
        assertThat(SeedColumnTypes.isNull("")).isTrue();
        assertThat(SeedColumnTypes.isNull(" NULL ")).isTrue();
        assertThat(SeedColumnTypes.isNull("none")).isFalse();
    }

    @Test
    void aDiffMarksWhatIsMissingAndWhatIsExtraAndIgnoresOrder() {
        List<String> columns = List.of("user_id", "sessions");
        assertThat(UnitTestDiff.render(columns, List.of(List.of("u1", "1"), List.of("u2", "2")), List.of(List.of("u2", "2"), List.of("u1", "1"))))
                .isNull();
        String diff = UnitTestDiff.render(columns, List.of(List.of("u1", "1"), List.of("u2", "2")), List.of(List.of("u1", "1"), List.of("u2", "3")));
        assertThat(diff).isEqualTo("""
                actual differs from expected:

                @@  | user_id | sessions
                    | u1      | 1
                --- | u2      | 2
                +++ | u2      | 3
                """);
    }
}
