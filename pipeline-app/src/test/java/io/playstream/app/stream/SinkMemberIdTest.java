package io.playstream.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkMemberIdTest {

    private static final Duration SESSION = Duration.ofSeconds(30);

    @TempDir
    Path slots;

    @Test
    void twoMembersOfOneGroupOnOneMachineGetDifferentIdsAndARestartedOneGetsItsIdBack() {
        try (SinkMemberId first = SinkMemberId.claim("", SESSION, "bronze", slots, "Host-1");
             SinkMemberId second = SinkMemberId.claim("", SESSION, "bronze", slots, "Host-1")) {
            assertThat(first.membership().instanceId()).contains("host-1-sink-0");
            assertThat(second.membership().instanceId()).contains("host-1-sink-1");
            first.close(); // the process ended: its slot is free again
            try (SinkMemberId restarted = SinkMemberId.claim("", SESSION, "bronze", slots, "Host-1")) {
                assertThat(restarted.membership().instanceId()).contains("host-1-sink-0");
                assertThat(restarted.membership().sessionTimeout()).isEqualTo(SESSION);
            }
        }
    }

    @Test
    void membersOfDifferentGroupsCountTheirSlotsApart() {
        try (SinkMemberId one = SinkMemberId.claim("", SESSION, "group-a", slots, "h");
             SinkMemberId other = SinkMemberId.claim("", SESSION, "group/b", slots, "h")) {
            assertThat(one.membership().instanceId()).contains("h-sink-0");
            assertThat(other.membership().instanceId()).contains("h-sink-0");
        }
    }

    @Test
    void aConfiguredIdIsUsedAsGivenAndNoneMeansDynamicMembership() {
        try (SinkMemberId configured = SinkMemberId.claim("pod-7", SESSION, "bronze", slots, "h");
             SinkMemberId none = SinkMemberId.claim(SinkMemberId.NONE, SESSION, "bronze", slots, "h")) {
            assertThat(configured.membership().instanceId()).contains("pod-7");
            assertThat(none.membership().isStatic()).isFalse();
            assertThat(none.membership().instanceId()).isEqualTo(Optional.empty());
        }
    }

    @Test
    void anIdKafkaWouldRefuseIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> SinkMemberId.claim("my pod", SESSION, "bronze", slots, "h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group.instance.id");
    }
}
