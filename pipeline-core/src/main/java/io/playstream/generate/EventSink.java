package io.playstream.generate;

import io.playstream.event.ListeningEvent;

/**
 * Where generated or replayed events go: a newline-delimited JSON file here, a Kafka topic
 * elsewhere. One sink per thread; {@link #close()} flushes and frees what it holds.
 */
public interface EventSink extends AutoCloseable {

    /** Sends one event, encoded by the sink. */
    void send(ListeningEvent event);

    /** Sends one message exactly as these bytes (a replayed line, without its line break). */
    void sendRaw(byte[] message);

    /** Sends everything buffered so far. */
    void flush();

    @Override
    void close();
}
