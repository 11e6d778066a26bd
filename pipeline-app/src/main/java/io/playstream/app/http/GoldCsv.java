package io.playstream.app.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A {@link GoldPage} as RFC 4180 CSV (Jackson's CSV writer): a header row of column names, CRLF
 * line ends, fields with a comma, quote or line break quoted with inner quotes doubled, null as an
 * empty field, decimals written out plainly (never {@code 1E+1}).
 */
final class GoldCsv {

    static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            // quote only fields that need it (a comma, quote or line break), not every one with a space
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private GoldCsv() {
    }

    static String write(GoldPage page) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        page.columns().forEach(column -> schema.addColumn(column.name()));
        StringWriter out = new StringWriter();
        try (SequenceWriter rows = CSV.writer(schema.build()).writeValues(out)) {
            for (Map<String, Object> row : page.rows()) {
                rows.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV", e);
        }
        return out.toString();
    }
}
