package io.playstream.transform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The test dbt project (src/test/resources/transform/sample), copied where a test may change it. */
public final class SampleProject {

    private SampleProject() {
    }

    public static Path copyTo(Path dir) {
        try {
            return copy(Path.of(SampleProject.class.getResource("/transform/sample/dbt_project.yml").toURI()).getParent(), dir, p -> true);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a folder's files that {@code keep} accepts (given their path relative to the folder). */
    public static Path copy(Path source, Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(f -> keep.test(source.relativize(f))).toList()) {
                Path target = dir.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A profiles.yml whose profile has a {@code duckdb} target (the default, schema main) and a
     * {@code postgres} one reading libpq's environment (schema public), for real dbt's side of a comparison.
     */
    public static void writeDuckDbAndPostgresProfile(Path project, String profile) {
        write(project, "profiles.yml", profile + ":\n" + """
                  target: duckdb
                  outputs:
                    duckdb:
                      type: duckdb
                      schema: main
                    postgres:
                      type: postgres
                      host: "{{ env_var('PGHOST', '127.0.0.1') }}"
                      port: "{{ env_var('PGPORT', '5432') | as_number }}"
                      user: "{{ env_var('PGUSER', 'postgres') }}"
                      password: "{{ env_var('PGPASSWORD', '') }}"
                      dbname: "{{ env_var('PGDATABASE', 'postgres') }}"
                      schema: public
                      threads: 1
                """);
    }

    public static void write(Path project, String file, String text) {
        try {
            Path target = project.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
