package io.playstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dbt project cannot import the event contract, so it holds copies: the timestamp pattern, the
 * quarantine reasons its rules write and the list its tests accept. Each is checked here against
 * {@link EventContract} and {@link RejectReason}, so a change to one side fails the build until the
 * other follows. (The verdicts themselves are compared on a corpus by EventContractAgreementIT.)
 */
class DbtContractCopiesTest {

    private static final Path DBT = Path.of("../dbt");

    @Test
    void theMacrosTimestampPatternIsTheContracts() throws IOException {
        String macro = Files.readString(DBT.resolve("macros/to_utc_timestamp.sql"));
        Matcher pattern = Pattern.compile("\\{% macro iso_timestamp_pattern\\(\\) -%}\\s*(\\^[^\\n]*\\$)\\s*\\{%- endmacro %}")
                .matcher(macro);

        assertThat(pattern.find()).as("iso_timestamp_pattern() in to_utc_timestamp.sql").isTrue();
        assertThat(pattern.group(1)).isEqualTo(EventContract.TIMESTAMP_PATTERN);
    }

    @Test
    void silverWritesTheContractsQuarantineCodesInItsOrder() throws IOException {
        String rules = Files.readString(DBT.resolve("macros/reject_reason.sql"));
        String model = Files.readString(DBT.resolve("models/silver/stg_events_quarantine.sql"));
        List<String> written = new ArrayList<>(quoted(Pattern.compile("then '([a-z_]+)'"), rules));
        written.addAll(quoted(Pattern.compile("'([a-z_]+)'\\)? as reject_reason"), model));

        assertThat(written).containsExactlyElementsOf(quarantineCodes());
    }

    @Test
    void theModelsTestAcceptsExactlyTheContractsQuarantineCodes() throws IOException {
        String models = Files.readString(DBT.resolve("models/silver/_models.yml"));
        int column = models.indexOf("- name: reject_reason");
        String values = models.substring(models.indexOf("values: [", column), models.indexOf("]", column));

        assertThat(quoted(Pattern.compile("'([a-z_]+)'"), values)).containsExactlyElementsOf(quarantineCodes());
    }

    private static List<String> quarantineCodes() {
        return RejectReason.quarantineOrder().stream().map(RejectReason::quarantineCode).toList();
    }

    private static List<String> quoted(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
