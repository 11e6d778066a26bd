package io.playstream.app.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian {@code chromium} in headless mode, one process per page: {@code --dump-dom} prints the
 * DOM after the page's scripts ran (virtual time lets fetches and rendering finish first), and
 * {@code --screenshot} saves a PNG. No network beyond the given URL: no sync, no component updates.
 */
final class HeadlessChromium {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path workDir;

    HeadlessChromium(Path workDir) {
        this.workDir = workDir;
    }

    static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** The page's DOM once its scripts have run. */
    String dumpDom(String url) {
        Path out = workDir.resolve("dom-" + System.nanoTime() + ".html");
        run(List.of("--window-size=1280,2000", "--dump-dom", url), out);
        try {
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot of the page at {@code width} x {@code height} CSS pixels to {@code png}. */
    void screenshot(String url, int width, int height, Path png) {
        run(List.of("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url),
                workDir.resolve("screenshot.log"));
    }

    /** Chromium headless on a fresh profile in {@code profile}, with nothing reaching beyond the page it is given. */
    static List<String> command(Path profile) {
        return new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    }

    private void run(List<String> arguments, Path stdout) {
        List<String> command = command(workDir.resolve("profile-" + System.nanoTime()));
        command.add("--virtual-time-budget=15000");
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(workDir.resolve("chromium-stderr.log").toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + process.exitValue() + "; see " + workDir.resolve("chromium-stderr.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + EXECUTABLE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
