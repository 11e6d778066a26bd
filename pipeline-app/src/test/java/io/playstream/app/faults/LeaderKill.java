package io.playstream.app.faults;

import static io.playstream.app.faults.FaultFigures.seconds;

import io.playstream.testing.Await;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker fault: the node leading the partition with the most messages is killed with SIGKILL
 * while the producer sends; once another node leads it and two more seconds of sends have been
 * acknowledged by the two survivors, the node is restarted on its folder, and the fault ends when
 * every partition has three in-sync replicas again.
 *
 * @param node          the node killed
 * @param partition     the busiest partition, which it led
 * @param newLeader     from the kill until another node led the partition
 * @param inSyncAgain   from the restart (JVM start included) until every replica was in sync
 */
record LeaderKill(int node, TopicPartition partition, Duration newLeader, Duration inSyncAgain) {

    static LeaderKill ofBusiestPartition(KafkaCluster cluster, String topic, int partitions, PacedProducer producer,
                                         double eventsPerSecond) {
        TopicPartition busiest = cluster.busiestPartition(topic, partitions);
        int leader = cluster.leaderOrNone(busiest);
        if (leader < 0) {
            throw new AssertionError(busiest + " has no leader before the kill");
        }
        cluster.node(leader).kill();
        Duration newLeader = Await.until(() -> cluster.leaderOrNone(busiest) > 0 && cluster.leaderOrNone(busiest) != leader,
                Duration.ofMinutes(1), () -> busiest + " still led by the killed node " + leader);
        long acknowledgedAtKill = producer.acknowledged();
        Await.until(() -> producer.acknowledged() > acknowledgedAtKill + 2 * eventsPerSecond, Duration.ofMinutes(1),
                () -> "sends acknowledged by two of three nodes: " + (producer.acknowledged() - acknowledgedAtKill));
        long restarted = System.nanoTime();
        cluster.restart(leader);
        Await.until(() -> cluster.fullyInSync(topic), Duration.ofMinutes(2), () -> "in-sync replicas " + cluster.inSyncReplicas(topic));
        return new LeaderKill(leader, busiest, newLeader, Duration.ofNanos(System.nanoTime() - restarted));
    }

    @Override
    public String toString() {
        return "killed node " + node + " (leader of " + partition + "); a new leader after " + seconds(newLeader)
                + "; restarted, in sync again " + seconds(inSyncAgain) + " after the restart";
    }
}
