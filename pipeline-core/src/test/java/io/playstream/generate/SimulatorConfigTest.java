package io.playstream.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

    private static final Instant FROM = Instant.parse("2025-12-01T00:00:00Z");

    @Test
    void defaultsAreValidAndRealTime() {
        SimulatorConfig config = SimulatorConfig.builder().build();

        assertThat(config.listeners()).isEqualTo(SimulatorConfig.DEFAULT_LISTENERS);
        assertThat(config.eventMix()).isEqualTo(EventMix.DEFAULT);
        assertThat(config.simulatedTime()).isFalse();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void badCountsNameTheirKeyAndTheAcceptedValues() {
        assertThatThrownBy(() -> SimulatorConfig.builder().listeners(0).build())
                .hasMessageContaining("listeners").hasMessageContaining("from 1 to").hasMessageContaining("was 0");
        assertThatThrownBy(() -> SimulatorConfig.builder().songs(-5).build())
                .hasMessageContaining("songs").hasMessageContaining("from 1 to");
        assertThatThrownBy(() -> SimulatorConfig.builder().events(-1).build())
                .hasMessageContaining("events").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SimulatorConfig.builder().rate(-2).build())
                .hasMessageContaining("rate").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SimulatorConfig.builder().rate(Double.NaN).build())
                .hasMessageContaining("rate");
    }

    @Test
    void sharesMustLieBetweenZeroAndOne() {
        assertThatThrownBy(() -> SimulatorConfig.builder().lateShare(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("late-share must be a share from 0 to 1, was 1.5");
        assertThatThrownBy(() -> SimulatorConfig.builder().duplicateShare(-0.1).build())
                .hasMessageContaining("duplicate-share").hasMessageContaining("from 0 to 1");
    }

    @Test
    void aSimulatedRangeNeedsBothEndsInOrderAndAnEnd() {
        assertThatThrownBy(() -> SimulatorConfig.builder().timeRange(FROM, null).build())
                .hasMessageContaining("to is missing");
        assertThatThrownBy(() -> SimulatorConfig.builder().timeRange(FROM, FROM).build())
                .hasMessageContaining("to must be after from");
        assertThatThrownBy(() -> SimulatorConfig.builder().timeRange(FROM, FROM.plusSeconds(60))
                .events(SimulatorConfig.UNBOUNDED).build())
                .hasMessageContaining("events").hasMessageContaining(">= 1");
    }

    @Test
    void theEventMixParsesNamedChancesAndNamesWhatIsWrong() {
        assertThat(EventMix.parse("skip=0.5, add_to_playlist=0")).isEqualTo(new EventMix(0.5, EventMix.DEFAULT_PAUSE, 0));
        assertThat(EventMix.parse(EventMix.DEFAULT.toString())).isEqualTo(EventMix.DEFAULT);
        assertThatThrownBy(() -> EventMix.parse("skip=2"))
                .hasMessageContaining("event-mix").hasMessageContaining("skip must be between 0 and 1");
        assertThatThrownBy(() -> EventMix.parse("shuffle=0.1"))
                .hasMessageContaining("unknown part 'shuffle'").hasMessageContaining("accepted: skip=X");
        assertThatThrownBy(() -> EventMix.parse("skip")).hasMessageContaining("not name=chance");
    }
}
