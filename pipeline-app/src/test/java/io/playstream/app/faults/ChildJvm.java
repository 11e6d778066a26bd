package io.playstream.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code java -jar playstream.jar <command>} child process, started and restarted with the same
 * arguments, as an operator would: hard kills (SIGKILL), clean stops (SIGTERM), its resident memory.
 * Each incarnation logs (stdout and stderr) to a file of its own under {@code logs}.
 */
final class ChildJvm implements AutoCloseable {

    /** Built in the package phase, before failsafe runs; the working folder is the module's. */
    static final Path JAR = Path.of("target", "playstream.jar").toAbsolutePath();

    private final String name;
    private final List<String> jvmOptions;
    /** What follows the JVM options: {@code -jar playstream.jar}, or a class path and a main class. */
    private final List<String> launcher;
    private final Map<String, String> environment;
    private final Path logs;
    private final List<String> arguments;
    private List<String> commandPrefix = List.of();
    private volatile Process process;
    private Path log;
    private int incarnations;

    ChildJvm(String name, List<String> jvmOptions, List<String> arguments, Map<String, String> environment, Path logs) {
        this(name, jvmOptions, List.of("-jar", JAR.toString()), arguments, environment, logs);
    }

    private ChildJvm(String name, List<String> jvmOptions, List<String> launcher, List<String> arguments,
                     Map<String, String> environment, Path logs) {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.launcher = List.copyOf(launcher);
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.logs = logs;
    }

    /** A {@code playstream sink} member writing to {@code storeDir} and flushing every 300 ms, in a 256 MiB heap. */
    static ChildJvm sinkMember(String name, String bootstrap, String topic, Path storeDir, List<String> moreOptions, Path logs) {
        List<String> arguments = new ArrayList<>(List.of("sink", "--bootstrap", bootstrap, "--topic", topic,
                "--store", "file:" + storeDir, "--flush-max-age-ms", "300"));
        arguments.addAll(moreOptions);
        return new ChildJvm(name, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), arguments, Map.of(), logs);
    }

    /** {@code java -cp classPath mainClass arguments}: a server the app's jar does not hold (e.g. S3Proxy). */
    static ChildJvm mainClass(String name, List<String> jvmOptions, String classPath, String mainClass, List<String> arguments,
                              Path logs) {
        return new ChildJvm(name, jvmOptions, List.of("-cp", classPath, mainClass), arguments, Map.of(), logs);
    }

    /** Starts the next incarnation and waits until it prints a line matching {@code ready}; returns the match. */
    Matcher start(Pattern ready, Duration timeout) {
        launch();
        return awaitLine(ready, timeout);
    }

    /** Starts the next incarnation without waiting (e.g. cluster nodes that are ready only once a majority runs). */
    void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        incarnations++;
        List<String> command = new ArrayList<>(commandPrefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launcher);
        command.addAll(arguments);
        log = logs.resolve(name + "-" + incarnations + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the child reads only what the test gives it, never the settings of whoever runs the build
        builder.environment().keySet().removeIf(key -> key.startsWith("PLAYSTREAM_"));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Later starts run behind this prefix, e.g. {@code ip netns exec NAME} (which execs java: the pid stays java's). */
    void runBehind(List<String> prefix) {
        commandPrefix = List.copyOf(prefix);
    }

    /** Waits until this incarnation prints a line matching {@code ready}; returns the match. */
    Matcher awaitLine(Pattern ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = ready.matcher(logText());
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before it was ready; log " + log
                        + ":\n" + tail());
            }
            pause(100);
        }
        throw new AssertionError(name + " not ready within " + timeout + "; log " + log + ":\n" + threadDump());
    }

    /** Asks the JVM for a thread dump (SIGQUIT prints one to its log): what a child that hangs is waiting for. */
    private String threadDump() {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // the dump ends with the JVM's count of JNI references
            while (!logText().contains("JNI global refs") && System.nanoTime() < deadline) {
                pause(100);
            }
        } catch (IOException e) {
            return tail();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String text = logText();
        int dump = text.indexOf("Full thread dump");
        return dump < 0 ? tail() : text.substring(dump, Math.min(text.length(), dump + 30_000));
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits for the clean stop; returns the exit status. */
    int stop(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not stop within " + timeout + " of SIGTERM; log " + log);
        }
        return process.exitValue();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Fails when the child died without the test killing it (e.g. out of memory). */
    void assertAlive() {
        if (!isAlive()) {
            throw new AssertionError(name + " died on its own (exit " + process.exitValue() + "); log " + log + ":\n" + tail());
        }
    }

    int incarnations() {
        return incarnations;
    }

    Path log() {
        return log;
    }

    /** VmRSS from /proc, in KiB; empty when the process is gone or /proc is not there. */
    OptionalLong residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited between the check and the read
        }
        return OptionalLong.empty();
    }

    String logText() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        String text = logText();
        return text.substring(Math.max(0, text.length() - 4_000));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }
}
