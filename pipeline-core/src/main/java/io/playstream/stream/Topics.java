package io.playstream.stream;

import io.playstream.PlaystreamException;
import io.playstream.partition.TopicNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates topics that do not exist yet; an existing topic is left as it is. */
public final class Topics {

    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private Topics() {
    }

    /**
     * Waits until every partition's leader answers for it. Creation returns once the controller has
     * recorded the topic, but the broker may not lead the partitions yet: an idempotent producer
     * whose first batch then fails with NOT_LEADER_OR_FOLLOWER can see later batches accepted first,
     * and the retried first one rejected as out of sequence (seen here: 71 messages lost in a test).
     * A ListOffsets request goes to the leader itself, so its success means the partition is ready.
     */
    private static void awaitLeaders(Admin admin, String topic, int partitions)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notReadyYet) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("partitions of " + topic + " have no leader yet: " + notReadyYet.getCause());
                }
                Thread.sleep(50);
            }
        }
    }

    /** Replicas of a topic on a cluster of {@code brokers}: three where there are, as Kafka advises. */
    public static int replicationFactor(int brokers) {
        return Math.max(1, Math.min(3, brokers));
    }

    /**
     * With three replicas an {@code acks=all} write needs two of them, so one broker may die without
     * losing an acknowledged message or stopping writes; with fewer replicas there is no such margin.
     */
    public static int minInsyncReplicas(int replicas) {
        return replicas >= 3 ? 2 : 1;
    }

    /**
     * Ensures {@code topic} exists, creating it when missing with {@code partitions} partitions,
     * {@link #replicationFactor} replicas for the brokers the cluster has and
     * {@link #minInsyncReplicas} of them required for a write.
     */
    public static void ensure(KafkaSettings settings, String topic, int partitions) {
        TopicNames.requireValid(topic);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        try (Admin admin = Admin.create(settings.toProperties(Map.of()))) {
            if (admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            int replicas = replicationFactor(brokers);
            NewTopic newTopic = new NewTopic(topic, partitions, (short) replicas)
                    .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas(replicas))));
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            awaitLeaders(admin, topic, partitions);
            LOG.info("Created topic(name={}, partitions={}, replicas={})", topic, partitions, replicas);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw PlaystreamException.retriable("cannot create topic " + topic + " at " + settings.bootstrapServers()
                        + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw PlaystreamException.retriable("Kafka at " + settings.bootstrapServers() + " did not answer in "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlaystreamException.retriable("interrupted while creating topic " + topic, e);
        }
    }
}
