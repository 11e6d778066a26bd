package io.playstream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code playstream run} as a real process: starts, answers, stops cleanly on SIGTERM; bad config is exit 2. */
class RunCommandIT {

    private static final Pattern READY = Pattern.compile("API on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dataDir;

    @Test
    void runStartsTheApiAndStopsCleanlyOnSigterm() throws Exception {
        Path log = dataDir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.playstream.app.Playstream", "run", "--data-dir", dataDir.toString(), "--http-port", "0", "--jobs-port", "0"))
                .redirectError(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PLAYSTREAM_"));
        Process process = builder.start();
        try {
            int port = awaitReady(process);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // a clean stop logs no error and no stack trace (Kafka may name exceptions it handled at INFO)
            assertThat(Files.readString(log)).contains("Playstream stopped").doesNotContain(" ERROR ")
                    .doesNotContainPattern("\\n\\tat [a-z]");
            assertThat(dataDir.resolve("jobrunr")).isDirectory();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void anInvalidConfigurationIsAUsageErrorNamingTheKey() throws IOException {
        Path config = Files.writeString(dataDir.resolve("playstream.yaml"), "http:\n  port: eighty\n");
        StringWriter err = new StringWriter();
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("run", "--config", config.toString(), "--data-dir", dataDir.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("http.port = 'eighty' (from playstream.yaml)").contains("accepted: a port number");
    }

    @Test
    void aJobsDashboardBoundBeyondLoopbackIsRefusedNamingTheKeys() throws IOException {
        Path config = Files.writeString(dataDir.resolve("playstream.yaml"), "jobs:\n  host: 0.0.0.0\n  port: 0\n");
        StringWriter err = new StringWriter();
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("run", "--config", config.toString(), "--data-dir", dataDir.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("jobs.host = '0.0.0.0' (from playstream.yaml)")
                .contains("JobRunr's own dashboard server has no authentication").contains("jobs.allow-unauthenticated-dashboard");
        assertThat(dataDir.resolve("jobrunr")).doesNotExist();
    }

    private static int awaitReady(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                return Integer.parseInt(ready.group(1));
            }
        }
        throw new AssertionError("playstream run ended before it was ready, exit " + waitExit(process));
    }

    private static int waitExit(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
