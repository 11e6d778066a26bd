package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class EventPublisherIT {

    @Test
    void publishersOneAfterAnotherOnOneTopicDeliverEveryEvent() {
        String topic = SharedKafkaBroker.uniqueName("publish");
        for (int run = 0; run < 3; run++) {
            try (EventPublisher publisher = new EventPublisher(SharedKafkaBroker.settings(),
                    PublisherConfig.defaults(topic).withPartitions(3))) {
                PublishSummary summary = publisher.publish(TestEvents.events(5_000, 2, run).iterator());
                assertThat(summary.sent()).as("run %d", run).isEqualTo(5_000);
                assertThat(summary.failed()).isZero();
                assertThat(summary.firstError()).isEmpty();
            }
        }
    }

    @Test
    void theListenerHearsEveryAcknowledgementWithTheRunningTotals() {
        String topic = SharedKafkaBroker.uniqueName("listened");
        LongAdder calls = new LongAdder();
        AtomicLong highestSent = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        PublishSummary summary;
        try (EventPublisher publisher = new EventPublisher(SharedKafkaBroker.settings(),
                PublisherConfig.defaults(topic).withPartitions(3)).withListener((sent, failed) -> {
                    calls.increment();
                    highestSent.accumulateAndGet(sent, Math::max);
                    failures.accumulateAndGet(failed, Math::max);
                })) {
            summary = publisher.publish(TestEvents.events(3_000, 2, 9).iterator());
        }

        assertThat(summary.sent()).isEqualTo(3_000);
        assertThat(calls.sum()).isEqualTo(3_000);
        assertThat(highestSent.get()).isEqualTo(3_000);
        assertThat(failures.get()).isZero();
    }

    @Test
    void recordsCarryTheirSendTimeAsCreateTimeNotTheEventsOwnTime() {
        String topic = SharedKafkaBroker.uniqueName("timestamps");
        long beforeSend = System.currentTimeMillis();
        try (EventPublisher publisher = new EventPublisher(SharedKafkaBroker.settings(), PublisherConfig.defaults(topic).withPartitions(1))) {
            // events of 2025-12-10: as record timestamps they would be months old on arrival
            assertThat(publisher.publish(TestEvents.events(20, 1, 1).iterator()).sent()).isEqualTo(20);
        }

        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 20);

        assertThat(records).hasSize(20).allSatisfy(r -> {
            assertThat(r.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(r.timestamp()).isBetween(beforeSend, System.currentTimeMillis());
        });
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafkaBroker.settings().toProperties(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Test
    void aPublisherThatCannotReachKafkaFailsClearly() {
        var settings = KafkaSettings.of("127.0.0.1:1").with("default.api.timeout.ms", "2000")
                .with("request.timeout.ms", "1000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EventPublisher(settings,
                PublisherConfig.defaults("nowhere")).close())
                .isInstanceOf(io.playstream.PlaystreamException.class)
                .hasMessageContaining("127.0.0.1:1");
    }
}
