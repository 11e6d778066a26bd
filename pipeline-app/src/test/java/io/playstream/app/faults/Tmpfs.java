package io.playstream.app.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs the test mounts over a folder, to fill the disk under whoever writes there: {@link #fill()}
 * writes a ballast file until the file system says it has no space left, {@link #free()} deletes it.
 * Mounting needs root (or CAP_SYS_ADMIN); {@link #mount} is empty, with the reason, where it is refused.
 */
final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;
    private final Path ballast;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.ballast = mountPoint.resolve(".ballast");
    }

    /** Mounts a tmpfs of {@code megabytes} over {@code mountPoint}; the reason in {@code why} when it cannot. */
    static Optional<Tmpfs> mount(Path mountPoint, int megabytes, StringBuilder why) {
        try {
            Files.createDirectories(mountPoint);
            String output = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
            if (output != null) {
                why.append("mount -t tmpfs refused: ").append(output.trim());
                return Optional.empty();
            }
            return Optional.of(new Tmpfs(mountPoint));
        } catch (IOException e) {
            why.append("cannot run mount: ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes the ballast until no space is left; returns how many bytes it took. */
    long fill() {
        long written = 0;
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw new UncheckedIOException("filling " + mountPoint, e);
            }
        }
        return written;
    }

    /** Deletes the ballast: the space is there again. */
    void free() {
        try {
            Files.deleteIfExists(ballast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes still free. */
    long usable() {
        try {
            return Files.getFileStore(mountPoint).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command; null when it succeeded, its output when it failed. */
    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0 ? null : output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        free();
        // lazy: a process that still has a file open there (a killed child's leftovers) does not keep it mounted
        run("umount", "-l", mountPoint.toString());
    }
}
