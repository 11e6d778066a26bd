package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GoldCsvTest {

    private static final List<TableColumn> COLUMNS = List.of(
            new TableColumn("song_name", Types.VARCHAR, "VARCHAR"),
            new TableColumn("plays", Types.BIGINT, "BIGINT"),
            new TableColumn("skip_rate", Types.DECIMAL, "DECIMAL(10,4)"));

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndLinesEndInCrLf() {
        String csv = GoldCsv.write(page(
                row("Blinding Lights", 34L, new BigDecimal("0.4848")),
                row("Hello, \"World\"", 1L, new BigDecimal("0.0000")),
                row("two\nlines", 2L, null)));

        assertThat(csv).isEqualTo("song_name,plays,skip_rate\r\n"
                + "Blinding Lights,34,0.4848\r\n"
                + "\"Hello, \"\"World\"\"\",1,0.0000\r\n"
                + "\"two\nlines\",2,\r\n");
    }

    @Test
    void decimalsAreWrittenPlainlyNeverInScientificNotation() {
        String csv = GoldCsv.write(page(row("x", 0L, new BigDecimal("1E+1"))));

        assertThat(csv).endsWith("x,0,10\r\n");
    }

    @Test
    void anEmptyPageStillHasItsHeader() {
        assertThat(GoldCsv.write(page())).isEqualTo("song_name,plays,skip_rate\r\n");
    }

    @SafeVarargs
    private static GoldPage page(Map<String, Object>... rows) {
        return new GoldPage(GoldTable.TOP_SONGS, COLUMNS, Arrays.asList(rows), 100, 0, OptionalLong.empty());
    }

    private static Map<String, Object> row(String song, Long plays, BigDecimal skipRate) {
        Map<String, Object> row = new HashMap<>();
        row.put("song_name", song);
        row.put("plays", plays);
        row.put("skip_rate", skipRate);
        return row;
    }
}
