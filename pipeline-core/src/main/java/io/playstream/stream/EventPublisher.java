package io.playstream.stream;

import io.playstream.PlaystreamException;
import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to Kafka as CONTRACTS.md §1 fixes it: key {@code user_id} (per-listener order),
 * value the event's JSON, idempotent producer with {@code acks=all}, so a retried send never
 * duplicates. The topic is created when missing. Every delivery failure is counted and reported in
 * the {@link PublishSummary}. One publisher per thread of sends; close it when done.
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final PublisherConfig config;
    private final EventCodec codec = new EventCodec();
    private PublishListener listener = PublishListener.NONE;

    public EventPublisher(KafkaSettings settings, PublisherConfig config) {
        this.config = config;
        Topics.ensure(settings, config.topic(), config.partitions());
        this.producer = new KafkaProducer<>(settings.toProperties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression(),
                ProducerConfig.LINGER_MS_CONFIG, Integer.toString(config.lingerMs()),
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(config.batchSize()),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())));
    }

    /** Tells {@code listener} of every acknowledgement of the following publishing runs. */
    public EventPublisher withListener(PublishListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Encodes and sends every event, then waits for every acknowledgement. */
    public PublishSummary publish(Iterator<ListeningEvent> events) {
        DeliveryTracker tracker = new DeliveryTracker(listener);
        while (events.hasNext()) {
            ListeningEvent event = events.next();
            send(event.userId().getBytes(StandardCharsets.UTF_8), codec.encode(event), tracker);
        }
        return finish(tracker);
    }

    /**
     * Sends messages as they are (e.g. a replayed NDJSON file), keyed by their {@code user_id} when
     * they have one. Malformed messages are sent too: the sink dead-letters them, nothing is lost.
     */
    public PublishSummary publishRaw(Iterator<byte[]> messages) {
        DeliveryTracker tracker = new DeliveryTracker(listener);
        while (messages.hasNext()) {
            byte[] message = messages.next();
            send(UserIdKey.of(message), message, tracker);
        }
        return finish(tracker);
    }

    private void send(byte[] key, byte[] value, DeliveryTracker tracker) {
        try {
            // No record timestamp, deliberately: the producer stamps CreateTime = send time (the
            // topic keeps Kafka's default message.timestamp.type=CreateTime). Event time travels in
            // the payload, where the sink partitions by it; as the record timestamp it would let a
            // backfill's history fall straight out of retention and clock-skewed devices write
            // "future" segments that retention can never delete.
            producer.send(new ProducerRecord<>(config.topic(), key, value), tracker);
        } catch (KafkaException e) {
            // send() throws only for fatal producer states (e.g. a record larger than max.request.size)
            tracker.onCompletion(null, e);
        }
    }

    private PublishSummary finish(DeliveryTracker tracker) {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw PlaystreamException.retriable("cannot flush the producer of topic " + config.topic(), e);
        }
        PublishSummary summary = tracker.summary();
        LOG.info("Published(topic={}, sent={}, failed={}) in {} ms ({} records/s)", config.topic(), summary.sent(),
                summary.failed(), summary.duration().toMillis(), Math.round(summary.recordsPerSecond()));
        return summary;
    }

    @Override
    public void close() {
        producer.close();
    }
}
