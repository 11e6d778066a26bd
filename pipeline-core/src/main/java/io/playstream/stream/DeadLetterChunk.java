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
 * base64, so any bytes survive.
 */
final class DeadLetterChunk {

    private static final JsonFactory JSON = new JsonFactory();

    private final DeadLetterKey key;
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream(4 * 1024);
    private int count;

    DeadLetterChunk(String topic, int partition, long startOffset, Instant recordTime) {
        this.key = DeadLetterKey.of(topic, partition, startOffset, recordTime);
    }

    void add(long offset, Instant recordTime, byte[] messageKey, byte[] value, RejectReason reason, String detail) {
        try (JsonGenerator json = JSON.createGenerator(lines)) {
            json.writeStartObject();
            json.writeStringField("reason", reason.name());
            json.writeStringField("detail", detail);
            json.writeStringField("topic", key.topic());
            json.writeNumberField("partition", key.partition());
            json.writeNumberField("offset", offset);
            json.writeStringField("timestamp", Timestamps.format(recordTime));
            json.writeStringField("key", messageKey == null ? null : Base64.getEncoder().encodeToString(messageKey));
            json.writeStringField("value", value == null ? null : Base64.getEncoder().encodeToString(value));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a dead letter in memory", e);
        }
        lines.write('\n');
        count++;
    }

    DeadLetterKey key() {
        return key;
    }

    int count() {
        return count;
    }

    byte[] body() {
        return lines.toByteArray();
    }
}
