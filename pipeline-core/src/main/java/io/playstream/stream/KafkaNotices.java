package io.playstream.stream;

import io.playstream.PlaystreamException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bronze notices over a small Kafka topic ({@link BronzeNotice#topicFor}, one partition): sinks
 * publish, loaders read in one consumer group, so one loader at a time reads them, in order, and a
 * notice whose load failed is read again (its offset is committed only after the load).
 */
public final class KafkaNotices {

    /** The loaders' consumer group. */
    public static final String LOADER_GROUP = "playstream-bronze-loader";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaNotices.class);
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private KafkaNotices() {
    }

    /** Creates the notice topic of {@code eventsTopic} when missing. */
    public static void ensureTopic(KafkaSettings kafka, String eventsTopic) {
        Topics.ensure(kafka, BronzeNotice.topicFor(eventsTopic), 1);
    }

    /** A publisher for a sink of {@code eventsTopic}. */
    public static NoticeSink publisher(KafkaSettings kafka, String eventsTopic) {
        return new Publisher(kafka, BronzeNotice.topicFor(eventsTopic));
    }

    /** A reader of the notices of {@code eventsTopic}, in the loaders' group. */
    public static Reader reader(KafkaSettings kafka, String eventsTopic) {
        return new Reader(kafka, BronzeNotice.topicFor(eventsTopic));
    }

    private static final class Publisher implements NoticeSink {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;

        Publisher(KafkaSettings kafka, String topic) {
            this.topic = topic;
            this.producer = new KafkaProducer<>(kafka.toProperties(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                    ProducerConfig.LINGER_MS_CONFIG, "0",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())));
        }

        @Override
        public void publish(BronzeNotice notice) {
            try {
                producer.send(new ProducerRecord<>(topic, notice.toJson())).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | KafkaException e) {
                throw PlaystreamException.retriable("cannot publish a bronze notice to " + topic + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PlaystreamException.retriable("interrupted while publishing a bronze notice", e);
            }
        }

        @Override
        public void publishHeartbeat(BronzeNotice notice) {
            try {
                producer.send(new ProducerRecord<>(topic, notice.toJson()), (metadata, e) -> {
                    if (e != null) {
                        LOG.debug("Heartbeat notice lost: {}", e.toString());
                    }
                });
            } catch (KafkaException e) {
                LOG.debug("Heartbeat notice not sent: {}", e.toString());
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Reads notices; not thread-safe except {@link #wakeup()}. */
    public static final class Reader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        Reader(KafkaSettings kafka, String topic) {
            this.consumer = new KafkaConsumer<>(kafka.toProperties(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, LOADER_GROUP,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    // a new group reads what was announced before it joined: loading it again is a no-op
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
            consumer.subscribe(List.of(topic));
        }

        /**
         * Waits up to {@code timeout} for notices and returns every one available, merged (one
         * micro-batch however many arrived). Unreadable messages are skipped with a warning.
         */
        public BronzeNotice poll(Duration timeout) {
            List<BronzeNotice> notices = new ArrayList<>();
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                    try {
                        notices.add(BronzeNotice.fromJson(record.value()));
                    } catch (PlaystreamException e) {
                        LOG.warn("Skipping notice at offset {}: {}", record.offset(), e.getMessage());
                    }
                }
            } catch (WakeupException e) {
                // closing
            }
            return BronzeNotice.merge(notices);
        }

        /** Marks what {@link #poll} returned as done; until then a restart (or another loader) reads it again. */
        public void commit() {
            consumer.commitSync();
        }

        /** Reads the uncommitted notices again at the next poll (after a failed load). */
        public void rewind() {
            consumer.assignment().forEach(tp -> consumer.committed(java.util.Set.of(tp)).forEach((p, offset) -> {
                if (offset != null) {
                    consumer.seek(p, offset);
                } else {
                    consumer.seekToBeginning(java.util.Set.of(p));
                }
            }));
        }

        public void wakeup() {
            consumer.wakeup();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
