package io.playstream.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A JSON artifact dbt (or the app's runner) writes into the project's {@code target/}, as the status panel polls it. */
final class DbtArtifact {

    private DbtArtifact() {
    }

    /** The file's JSON, or empty when nothing has written it yet or it is unreadable. */
    static Optional<JsonNode> read(Path targetDir, String name, ObjectMapper json) {
        Path file = targetDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(file.toFile()));
        } catch (IOException e) {
            // being rewritten right now: the next poll reads it whole
            return Optional.empty();
        }
    }
}
