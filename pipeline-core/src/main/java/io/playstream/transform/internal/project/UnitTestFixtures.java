package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * dbt's unit-test fixture files: {@code <name>.csv} or {@code <name>.sql} in a {@code fixtures}
 * folder of a test path (e.g. {@code tests/fixtures/}), named by a fixture's {@code fixture:} key.
 * They are data for unit tests, never singular tests themselves.
 */
final class UnitTestFixtures {

    static final String FOLDER = "fixtures";

    private final Path root;
    private final List<String> testPaths;

    UnitTestFixtures(Path root, List<String> testPaths) {
        this.root = root;
        this.testPaths = List.copyOf(testPaths);
    }

    /** Whether a file of a test path (relative to the project root) lies in a fixtures folder. */
    static boolean isFixture(String path) {
        String[] parts = path.split("/");
        for (int i = 1; i < parts.length - 1; i++) {
            if (parts[i].equals(FOLDER)) {
                return true;
            }
        }
        return false;
    }

    /** The text of fixture {@code name} with this extension ({@code csv} or {@code sql}). */
    String read(String name, String extension, String where) {
        for (String testPath : testPaths) {
            for (Path file : ProjectReader.files(root.resolve(testPath), "." + extension)) {
                if (ProjectReader.baseName(file).equals(name) && isFixture(root.relativize(file).toString().replace('\\', '/'))) {
                    try {
                        return Files.readString(file);
                    } catch (IOException e) {
                        throw PlaystreamException.permanent("cannot read " + file + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        throw PlaystreamException.permanent(where + ": File not found for fixture '" + name + "' (looked for " + name + "."
                + extension + " in a " + FOLDER + "/ folder of " + String.join(", ", testPaths) + ")");
    }
}
