package io.playstream.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A copy of the repository's real dbt project ({@code dbt/}, found by walking up from the working
 * folder) in a test's own folder: the runner writes {@code target/} beside the project, and tests
 * must not write into the checkout or into each other's runs.
 */
public final class DbtProjectCopy {

    private static final Set<String> LEFT_OUT = Set.of("target", "logs", "dbt_packages");

    private DbtProjectCopy() {
    }

    /** Copies the project into {@code folder} and returns the copy. */
    public static Path into(Path folder) {
        Path source = repositoryProject();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.getNameCount() > 0 && LEFT_OUT.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = folder.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the dbt project " + source + " to " + folder, e);
        }
        return folder;
    }

    private static Path repositoryProject() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("dbt").resolve("dbt_project.yml"))) {
                return dir.resolve("dbt");
            }
        }
        throw new IllegalStateException("no dbt/dbt_project.yml above " + Path.of("").toAbsolutePath());
    }
}
