package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aPublisherThatCannotReachKafkaFailsClearly() {
        var settings = KafkaSettings.of("127.0.0.1:1").with("default.api.timeout.ms", "2000")
                .with("request.timeout.ms", "1000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EventPublisher(settings,
                PublisherConfig.defaults("nowhere")).close())
                .isInstanceOf(io.playstream.PlaystreamException.class)
                .hasMessageContaining("127.0.0.1:1");
    }
}
