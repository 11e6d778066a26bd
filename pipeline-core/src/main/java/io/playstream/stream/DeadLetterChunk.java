package io.playstream.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.playstream.event.RejectReason;
import io.playstream.event.Timestamps;
import io.playstream.partition.DeadLetterKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;

/**
 * The dead letters of one Kafka partition and one record date in one flush, as JSON lines:
 * {@code reason, detail, topic, partition, offset, timestamp, key, value} with key and value in
 * base64, so any bytes survive. {@link DeadLetter} reads them back. Public so that tests of the
 * replay can stage dead letters exactly as the sink writes them.
 */
public final class DeadLetterChunk {

    private static final JsonFactory JSON = new JsonFactory();

    private final DeadLetterKey key;
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream(4 * 1024);
    private int count;

    public DeadLetterChunk(String topic, int partition, long startOffset, Instant recordTime) {
        this.key = DeadLetterKey.of(topic, partition, startOffset, recordTime);
    }

    public void add(long offset, Instant recordTime, byte[] messageKey, byte[] value, RejectReason reason, String detail) {
        try (JsonGenerator json = JSON.createGenerator(lines)) {
            json.writeStartObject();
            json.writeStringField(DeadLetter.REASON, reason.name());
            json.writeStringField(DeadLetter.DETAIL, detail);
            json.writeStringField(DeadLetter.TOPIC, key.topic());
            json.writeNumberField(DeadLetter.PARTITION, key.partition());
            json.writeNumberField(DeadLetter.OFFSET, offset);
            json.writeStringField(DeadLetter.TIMESTAMP, Timestamps.format(recordTime));
            json.writeStringField(DeadLetter.KEY, messageKey == null ? null : Base64.getEncoder().encodeToString(messageKey));
            json.writeStringField(DeadLetter.VALUE, value == null ? null : Base64.getEncoder().encodeToString(value));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a dead letter in memory", e);
        }
        lines.write('\n');
        count++;
    }

    public DeadLetterKey key() {
        return key;
    }

    public int count() {
        return count;
    }

    /** The lines, uncompressed. */
    public byte[] body() {
        return lines.toByteArray();
    }
}
