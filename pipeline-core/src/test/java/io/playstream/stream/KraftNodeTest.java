package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KraftNodeTest {

    private static final String VOTERS = "1@127.0.0.1:19091,2@127.0.0.1:19092,3@127.0.0.1:19093";

    @Test
    void aNodeOfThreeVotersTakesItsControllerAddressFromItsEntryAndReplicatesThreeTimesWithTwoInSync() {
        KraftNode node = new KraftNode(2, "127.0.0.1", 9092, KraftNode.parseVoters(VOTERS));

        assertThat(node.controller()).isEqualTo(new KraftNode.Voter(2, "127.0.0.1", 19092));
        assertThat(node.votersText()).isEqualTo(VOTERS);
        assertThat(node.replicationFactor()).isEqualTo(3);
        assertThat(node.minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void aSingleNodeKeepsOneReplicaAndOneInSync() {
        KraftNode node = KraftNode.single(1, "127.0.0.1", 0, 0);

        assertThat(node.replicationFactor()).isEqualTo(1);
        assertThat(node.minInsyncReplicas()).isEqualTo(1);
    }

    @Test
    void everyNodeOfAClusterDerivesTheSameClusterIdFromTheVoters() {
        List<KraftNode.Voter> voters = KraftNode.parseVoters(VOTERS);
        String id = new KraftNode(1, "127.0.0.1", 9092, voters).clusterId();

        assertThat(new KraftNode(3, "127.0.0.1", 9094, voters).clusterId()).isEqualTo(id);
        assertThat(id).hasSize(22).doesNotStartWith("-");
        assertThat(new KraftNode(1, "127.0.0.1", 9092, KraftNode.parseVoters("1@127.0.0.1:19091")).clusterId()).isNotEqualTo(id);
    }

    @Test
    void badQuorumsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> KraftNode.parseVoters("1@127.0.0.1"))
                .hasMessageContaining("controller.quorum.voters must be id@host:port");
        assertThatThrownBy(() -> new KraftNode(4, "127.0.0.1", 9092, KraftNode.parseVoters(VOTERS)))
                .hasMessageContaining("node.id 4 is not among controller.quorum.voters");
        assertThatThrownBy(() -> new KraftNode(1, "127.0.0.1", 9092, KraftNode.parseVoters("1@h:1,1@h:2")))
                .hasMessageContaining("names a node twice");
        assertThatThrownBy(() -> new KraftNode(1, "127.0.0.1", 9092, KraftNode.parseVoters("1@h:0,2@h:2")))
                .hasMessageContaining("need fixed ports");
    }
}
