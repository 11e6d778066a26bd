package io.playstream.app.bench;

import io.playstream.PlaystreamException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Kafka's perf tools ({@code org.apache.kafka.tools.*}) in a child JVM, as they are normally
 * run: kafka-tools sits in {@code target/bench-lib/} (copied by the build, never on the app's
 * classpath, since it brings Jetty and Connect) and the rest of what the tools need (kafka-clients,
 * server-common, argparse4j, jopt-simple) comes from the app's {@code lib/}. Logback is left out of
 * the child, so the tools run without logging, as with Kafka's own scripts at their default WARN.
 */
final class ReferenceTools {

    static final String UNAVAILABLE = "reference unavailable (build with mvn package)";
    private static final long TIMEOUT_MINUTES = 30;

    private final List<Path> classpath;

    private ReferenceTools(List<Path> classpath) {
        this.classpath = List.copyOf(classpath);
    }

    /**
     * The tools beside this build, if built: {@code bench-lib/} and {@code lib/} next to the app's jar or
     * classes in {@code target/}; in the distribution the app's jar sits in {@code lib/} itself, beside {@code bench-lib/}.
     */
    static Optional<ReferenceTools> locate() {
        Path home = codeHome();
        boolean distribution = home.getFileName() != null && "lib".equals(home.getFileName().toString());
        Path lib = distribution ? home : home.resolve("lib");
        Path benchLib = (distribution ? home.getParent() : home).resolve("bench-lib");
        List<Path> jars = new ArrayList<>(jars(benchLib));
        if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith("kafka-tools-"))) {
            return Optional.empty();
        }
        jars.addAll(jars(lib).stream().filter(jar -> !jar.getFileName().toString().startsWith("logback-")).toList());
        return Optional.of(new ReferenceTools(jars));
    }

    /** Runs {@code org.apache.kafka.tools.<tool>} with the arguments; returns its standard output. */
    String run(String tool, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-cp",
                String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                "org.apache.kafka.tools." + tool));
        command.addAll(arguments);
        try {
            Path output = Files.createTempFile("playstream-bench-" + tool, ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw PlaystreamException.permanent(tool + " did not finish in " + TIMEOUT_MINUTES + " minutes", null);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw PlaystreamException.permanent(tool + " failed with exit status " + process.exitValue() + ": " + text, null);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaystreamException.retriable("interrupted while " + tool + " ran", e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The folder holding the app's jar (target/) or its classes folder (target/ again, in tests). */
    private static Path codeHome() {
        try {
            Path code = Path.of(ReferenceTools.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("pipeline-app", "target").toAbsolutePath();
        }
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
