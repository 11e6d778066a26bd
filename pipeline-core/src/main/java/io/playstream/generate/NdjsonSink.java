package io.playstream.generate;

import static java.util.Objects.requireNonNull;

import io.playstream.PlaystreamException;
import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes events as newline-delimited JSON (one event per line, UTF-8) through a large buffer, so
 * the generator, not the writes, sets the pace. Closes the stream it was given.
 */
public final class NdjsonSink implements EventSink {

    /** Big enough to write in few system calls: some hundred events per write. */
    public static final int BUFFER_BYTES = 1 << 16;

    private final OutputStream out;
    private final EventCodec codec;
    private final String destination;

    /** A sink writing to {@code out}; {@code destination} names it in errors (a path, or "stdout"). */
    public NdjsonSink(OutputStream out, String destination) {
        this.out = new BufferedOutputStream(requireNonNull(out, "out"), BUFFER_BYTES);
        this.codec = new EventCodec();
        this.destination = requireNonNull(destination, "destination");
    }

    @Override
    public void send(ListeningEvent event) {
        try {
            codec.encodeTo(event, out);
        } catch (UncheckedIOException e) {
            throw failed(e.getCause());
        }
        newline();
    }

    @Override
    public void sendRaw(byte[] message) {
        try {
            out.write(message);
        } catch (IOException e) {
            throw failed(e);
        }
        newline();
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void newline() {
        try {
            out.write('\n');
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private PlaystreamException failed(IOException e) {
        // a full disk or a closed pipe does not heal by retrying the same write
        return PlaystreamException.permanent("cannot write events to " + destination + ": " + e.getMessage(), e);
    }
}
