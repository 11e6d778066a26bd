package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a project's parse depends on, as one digest: the path and text of every {@code .sql},
 * {@code .yml}, {@code .yaml} and {@code .csv} (seeds) file under the project folder, outside the folders dbt writes
 * into ({@code target/}, {@code logs/}). Two equal digests mean a parse would read the same files,
 * so a runner that runs the same project again and again (continuous mode) parses it once. Reads
 * the text rather than trusting modification times, which an editor saving twice within the
 * clock's granularity would leave equal.
 */
public final class ProjectFiles {

    private static final Set<String> WRITTEN_BY_DBT = Set.of("target", "logs");
    /** Jinja variables that differ on every run: a project using one is parsed again each run. */
    private static final Set<String> PER_RUN = Set.of("run_started_at", "invocation_id");

    private ProjectFiles() {
    }

    /**
     * The digest of the project's files, or empty when a file uses a per-run variable
     * ({@code run_started_at}, {@code invocation_id}), whose parse must not be kept.
     */
    public static Optional<String> digest(Path root) {
        TreeMap<String, String> files = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && WRITTEN_BY_DBT.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String name = file.getFileName().toString();
                    if (attributes.isRegularFile() && (name.endsWith(".sql") || name.endsWith(".yml") || name.endsWith(".yaml")
                            || name.endsWith(".csv"))) {
                        files.put(root.relativize(file).toString(), Files.readString(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot read the dbt project " + root + ": " + e.getMessage(), e);
        }
        if (files.values().stream().anyMatch(text -> PER_RUN.stream().anyMatch(text::contains))) {
            return Optional.empty();
        }
        StringBuilder all = new StringBuilder();
        files.forEach((path, text) -> all.append(path).append('\0').append(text).append('\0'));
        return Optional.of(Digests.sha256(all.toString()));
    }
}
