package io.playstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user meets it: the archive built in the package phase (before Failsafe runs),
 * unpacked into a folder of its own, started through a symlink to {@code bin/playstream} from a
 * working folder that holds nothing, with the JVM chosen by {@code JAVA_HOME} and options from
 * {@code JAVA_OPTS}. The demo reaching gold proves that {@code lib/} is complete and that the dbt
 * project travels inside the jar.
 */
class DistributionIT {

    private static final long TIMEOUT_MINUTES = 5;

    @TempDir
    Path dir;

    @Test
    void anUnpackedArchiveRunsTheDemoThroughItsLauncherFromAnyFolder() throws Exception {
        Path unpacked = Files.createDirectories(dir.resolve("opt"));
        run(List.of("tar", "-xzf", archive().toString(), "-C", unpacked.toString()), unpacked, dir.resolve("tar.log"));
        Path home;
        try (Stream<Path> entries = Files.list(unpacked)) {
            home = entries.findFirst().orElseThrow();
        }
        assertThat(home.resolve("bin/playstream")).isExecutable();
        assertThat(home.resolve("lib/playstream.jar")).isRegularFile();
        assertThat(home.resolve("config/playstream.example.yaml")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("CONTRACTS.md")).isRegularFile();
        Path link = Files.createSymbolicLink(dir.resolve("playstream"), home.resolve("bin/playstream"));
        Path work = Files.createDirectories(dir.resolve("work"));

        Path log = dir.resolve("demo.log");
        int status = run(List.of(link.toString(), "demo", "--events", "5000", "--partitions", "1"), work, log);

        String output = Files.readString(log);
        assertThat(status).as(output).isZero();
        assertThat(output).contains("[4/4] transform").contains("Top songs");
        assertThat(output).as("JAVA_OPTS reached the JVM").contains("Max. Heap Size: 640.00M");
        assertThat(work.resolve("playstream-data/warehouse.duckdb")).isRegularFile();
    }

    /** The archive of this build: {@code target/playstream-<version>.tar.gz}, the working folder being the module's. */
    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("playstream-.+\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/playstream-*.tar.gz: the package phase builds it"))
                    .toAbsolutePath();
        }
    }

    private static int run(List<String> command, Path workingDir, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PLAYSTREAM_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xmx640m -XshowSettings:vm");
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_MINUTES + " minutes: " + Files.readString(log));
        }
        return process.exitValue();
    }
}
