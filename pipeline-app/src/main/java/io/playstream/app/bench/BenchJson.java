package io.playstream.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playstream.PlaystreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report as JSON (every round's figures), so runs can be compared over time. */
public final class BenchJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {
    }

    public static void write(BenchReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot write the benchmark results to " + file + ": " + e.getMessage(), e);
        }
    }
}
