package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @Test
    void brokerKeepsTopicsAcrossARestartOnTheSameFolder(@TempDir Path dataDir) throws Exception {
        String topic = SharedKafkaBroker.uniqueName("restart");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(dataDir, 0)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            Topics.ensure(KafkaSettings.of(broker.bootstrapServers()), topic, 3);
        }
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start(dataDir, 0);
                Admin admin = Admin.create(KafkaSettings.of(broker.bootstrapServers()).toProperties(Map.of()))) {
            var description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(description.get(topic).partitions()).hasSize(3);
        }
    }
}
