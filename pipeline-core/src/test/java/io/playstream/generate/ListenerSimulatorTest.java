package io.playstream.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.event.ListeningEvent;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListenerSimulatorTest {

    private static final Instant FROM = Instant.parse("2025-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-12-02T00:00:00Z");

    private static SimulatorConfig.Builder small() {
        return SimulatorConfig.builder().listeners(200).songs(300).events(20_000).timeRange(FROM, TO);
    }

    @Test
    void theSameSeedGivesTheSameCatalogueAndEvents() {
        ListenerSimulator first = ListenerSimulator.create(small().seed(11).build());
        ListenerSimulator second = ListenerSimulator.create(small().seed(11).build());

        assertThat(second.catalogue()).isEqualTo(first.catalogue());
        assertThat(second.events().toList()).isEqualTo(first.events().toList());
    }

    @Test
    void everyIteratorReplaysTheSameStreamFromTheStart() {
        ListenerSimulator simulator = ListenerSimulator.create(small().events(500).build());

        assertThat(simulator.events().toList()).isEqualTo(simulator.events().toList());
    }

    @Test
    void aDifferentSeedGivesDifferentListenersSongsAndEvents() {
        ListenerSimulator first = ListenerSimulator.create(small().seed(11).events(100).build());
        ListenerSimulator other = ListenerSimulator.create(small().seed(12).events(100).build());

        assertThat(other.catalogue().listeners().get(0).id()).isNotEqualTo(first.catalogue().listeners().get(0).id());
        assertThat(other.catalogue().songs()).isNotEqualTo(first.catalogue().songs());
        List<String> firstIds = first.events().map(ListeningEvent::eventId).toList();
        assertThat(other.events().map(ListeningEvent::eventId)).doesNotContainAnyElementsOf(firstIds);
    }

    @Test
    void idsAreVersionFourUuidsAndSongIdsAreTheOriginalsUuid5() {
        ListenerSimulator simulator = ListenerSimulator.create(small().events(1_000).build());

        simulator.events().forEach(event -> {
            assertThat(UUID.fromString(event.eventId()).version()).isEqualTo(4);
            assertThat(UUID.fromString(event.sessionId()).version()).isEqualTo(4);
            assertThat(UUID.fromString(event.userId()).version()).isEqualTo(4);
            assertThat(event.songId()).isEqualTo(SongIds.of(event.artistName(), event.songName()));
        });
    }

    @Test
    void songsAreUniqueAndRankedByPopularity() {
        Catalogue catalogue = ListenerSimulator.create(small().songs(3_000).build()).catalogue();

        assertThat(catalogue.songs()).extracting(Song::id).doesNotHaveDuplicates();
        assertThat(catalogue.songs()).extracting(Song::rank).startsWith(1, 2, 3);
        assertThat(catalogue.songs().get(0).popularity()).isGreaterThan(catalogue.songs().get(1).popularity());
        assertThat(catalogue.listeners()).extracting(Listener::id).doesNotHaveDuplicates();
    }

    @Test
    void theStreamEndsAfterTheConfiguredEvents() {
        Iterator<ListeningEvent> events = ListenerSimulator.create(small().events(3).build()).iterator();
        events.next();
        events.next();
        events.next();

        assertThat(events.hasNext()).isFalse();
        assertThatThrownBy(events::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aDuplicateIsTheSameEventSentAgain() {
        List<ListeningEvent> events = ListenerSimulator.create(small().duplicateShare(1).events(10).build())
                .events().toList();

        assertThat(events.get(1)).isSameAs(events.get(0));
        assertThat(events.stream().map(ListeningEvent::eventId).distinct()).hasSize(5);
    }

    @Test
    void lateEventsHappenedMinutesToHoursBeforeTheyAreSent() {
        List<ListeningEvent> events = ListenerSimulator.create(small().lateShare(1).duplicateShare(0).build())
                .events().toList();
        ListeningEvent last = events.get(events.size() - 1);

        assertThat(last.timestamp()).isBefore(TO.minusSeconds(60));
        assertThat(events).allSatisfy(event -> assertThat(event.timestamp()).isAfterOrEqualTo(FROM));
    }

    @Test
    void realTimeEventsHappenNowAtTheConfiguredRate() {
        ListenerSimulator simulator = ListenerSimulator.create(SimulatorConfig.builder()
                .listeners(50).songs(50).events(200).rate(1_000).lateShare(0).build());
        Instant before = Instant.now();
        long start = System.nanoTime();

        List<ListeningEvent> events = simulator.events().toList();

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(events).hasSize(200);
        // 199 gaps of 1 ms: loose on purpose, the point is that it waits at all
        assertThat(elapsedMs).isGreaterThanOrEqualTo(150);
        assertThat(events).allSatisfy(event -> assertThat(event.timestamp())
                .isBetween(before.minusMillis(1), Instant.now()));
    }

    @Test
    void aRateAlsoPacesASimulatedRange() {
        ListenerSimulator simulator = ListenerSimulator.create(small().events(200).rate(1_000).build());
        long start = System.nanoTime();

        List<ListeningEvent> events = simulator.events().toList();

        assertThat(events).hasSize(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
        assertThat(events).allSatisfy(event -> assertThat(event.timestamp()).isBetween(FROM, TO));
    }

    @Test
    void withoutRateOrEndTheRealTimeStreamRunsAsLongAsItIsRead() {
        ListenerSimulator simulator = ListenerSimulator.create(SimulatorConfig.builder()
                .listeners(10).songs(10).events(SimulatorConfig.UNBOUNDED).build());

        assertThat(simulator.events().limit(5_000)).hasSize(5_000);
    }
}
