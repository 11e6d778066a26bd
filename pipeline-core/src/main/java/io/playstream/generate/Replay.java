package io.playstream.generate;

import static java.util.Objects.requireNonNull;

import io.playstream.PlaystreamException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the lines of a newline-delimited file exactly as they are (no parsing, no re-encoding: a
 * malformed line stays malformed, which is the point of replaying real data such as the original
 * pipeline's events). Empty lines carry no message and are left out; a {@code \r} before the line
 * break is kept, as it is part of the line.
 */
public final class Replay {

    private Replay() {
    }

    /**
     * Sends up to {@code limit} lines of {@code file} to {@code sink}, each when {@code pacer} lets it.
     *
     * @return how many lines were sent
     */
    public static long lines(Path file, EventSink sink, Pacer pacer, long limit) {
        requireNonNull(sink, "sink");
        requireNonNull(pacer, "pacer");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), NdjsonSink.BUFFER_BYTES)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            long sent = 0;
            int b;
            while (sent < limit && (b = in.read()) != -1) {
                if (b != '\n') {
                    line.write(b);
                } else if (line.size() > 0) {
                    sent += send(line, sink, pacer);
                }
            }
            if (sent < limit && line.size() > 0) {
                sent += send(line, sink, pacer);
            }
            return sent;
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot read replay file " + file + ": " + e.getMessage(), e);
        }
    }

    private static int send(ByteArrayOutputStream line, EventSink sink, Pacer pacer) {
        pacer.awaitNext();
        sink.sendRaw(line.toByteArray());
        line.reset();
        return 1;
    }
}
