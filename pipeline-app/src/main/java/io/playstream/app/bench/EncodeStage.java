package io.playstream.app.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Simulate + encode: the simulator and {@link EventCodec} on one thread, against Jackson's streaming
 * generator writing the same fields of events built beforehand (the ceiling of encoding alone: the
 * reference neither simulates nor builds events).
 */
final class EncodeStage {

    /** Prebuilt events the reference cycles through, so memory stays bounded at any --events. */
    private static final int PREBUILT = 100_000;

    private final long events;
    private final List<ListeningEvent> prebuilt = new ArrayList<>();
    private final JsonFactory json = new JsonFactory();

    EncodeStage(long events) {
        this.events = events;
        BenchData.simulate(Math.min(events, PREBUILT), 1).forEachRemaining(prebuilt::add);
    }

    StageResult run(int rounds) {
        ours(Math.min(events, PREBUILT));
        reference(Math.min(events, PREBUILT));
        List<RoundFigure> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            MemoryProbe.reset();
            long start = System.nanoTime();
            long bytes = ours(events);
            double seconds = BenchData.seconds(start);
            MemoryProbe.Usage memory = MemoryProbe.read();
            start = System.nanoTime();
            reference(events);
            double reference = events / BenchData.seconds(start);
            figures.add(RoundFigure.of(round, events / seconds, reference, memory,
                    Map.of("MB/s", bytes / seconds / 1e6, "bytes/event", (double) bytes / events)));
        }
        return new StageResult("simulate + encode", "events/s", "ListenerSimulator + EventCodec",
                "Jackson JsonGenerator, prebuilt events", figures, null);
    }

    private long ours(long count) {
        EventCodec codec = new EventCodec();
        CountingStream sink = new CountingStream();
        for (Iterator<ListeningEvent> it = BenchData.simulate(count, 1); it.hasNext(); ) {
            codec.encodeTo(it.next(), sink);
            sink.write('\n');
        }
        return sink.bytes;
    }

    private long reference(long count) {
        CountingStream sink = new CountingStream();
        try (JsonGenerator out = json.createGenerator(sink, JsonEncoding.UTF8)) {
            for (long i = 0; i < count; i++) {
                write(out, prebuilt.get((int) (i % prebuilt.size())));
                out.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.bytes;
    }

    private static void write(JsonGenerator out, ListeningEvent e) throws IOException {
        out.writeStartObject();
        out.writeStringField("event_id", e.eventId());
        out.writeStringField("user_id", e.userId());
        out.writeStringField("song_id", e.songId());
        out.writeStringField("artist_name", e.artistName());
        out.writeStringField("song_name", e.songName());
        out.writeStringField("event_type", e.eventType().wireName());
        out.writeStringField("device_type", e.deviceType());
        out.writeStringField("country", e.country());
        out.writeStringField("timestamp", e.timestamp().toString());
        if (e.sessionId() != null) {
            out.writeStringField("session_id", e.sessionId());
        }
        if (e.positionMs() != null) {
            out.writeNumberField("position_ms", e.positionMs());
        }
        if (e.durationMs() != null) {
            out.writeNumberField("duration_ms", e.durationMs());
        }
        out.writeNumberField("schema_version", e.schemaVersion());
        out.writeEndObject();
    }

    /** Counts bytes, so the output is not optimised away and no I/O is measured. */
    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
