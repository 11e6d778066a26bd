package io.playstream.transform.internal.project;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.playstream.PlaystreamException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV as dbt reads it (Python's csv module): a header row, then rows; fields may be quoted with
 * {@code "}, a doubled quote inside stands for one; a leading byte-order mark is dropped. Every
 * value is text: what a value means is decided later (seed type inference, a fixture's casts).
 */
public final class CsvText {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    /** The header and the rows of the text. */
    public record Table(List<String> header, List<List<String>> rows) {
    }

    private CsvText() {
    }

    /** @param origin names the file in errors */
    public static Table parse(String text, char delimiter, String origin) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"');
        List<List<String>> lines = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(schema).readValues(body)) {
            while (it.hasNext()) {
                String[] line = it.next();
                if (!(line.length == 1 && line[0].isEmpty())) {
                    lines.add(List.of(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw PlaystreamException.permanent(origin + ": invalid CSV: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw PlaystreamException.permanent(origin + ": empty CSV, a header row is needed");
        }
        List<String> header = lines.get(0);
        List<List<String>> rows = lines.subList(1, lines.size());
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw PlaystreamException.permanent(origin + ": row " + (i + 2) + " has " + rows.get(i).size()
                        + " fields, the header " + header.size());
            }
        }
        return new Table(header, List.copyOf(rows));
    }

    /** The rows as maps from header to value, an empty value as null (dbt's unit-test fixtures read CSV so). */
    public static List<Map<String, Object>> records(String text, String origin) {
        Table table = parse(text, ',', origin);
        List<Map<String, Object>> records = new ArrayList<>();
        for (List<String> row : table.rows()) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < table.header().size(); i++) {
                record.put(table.header().get(i), row.get(i).isEmpty() ? null : row.get(i));
            }
            records.add(record);
        }
        return records;
    }
}
