package io.playstream.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One million events of a week of simulated time, and what their distributions must look like. */
class ListenerSimulatorDistributionTest {

    private static final long EVENTS = 1_000_000;
    private static final double LATE_SHARE = 0.05;
    private static final double DUPLICATE_SHARE = 0.03;
    private static final Instant FROM = Instant.parse("2025-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-12-08T00:00:00Z");

    private static Catalogue catalogue;
    private static Tally tally;

    @BeforeAll
    static void generateOnce() {
        ListenerSimulator simulator = ListenerSimulator.create(SimulatorConfig.builder()
                .seed(7).listeners(5_000).songs(5_000).events(EVENTS)
                .lateShare(LATE_SHARE).duplicateShare(DUPLICATE_SHARE).timeRange(FROM, TO).build());
        catalogue = simulator.catalogue();
        tally = new Tally(catalogue);
        simulator.iterator().forEachRemaining(tally::add);
    }

    @Test
    void emitsExactlyTheConfiguredNumberOfEventsInsideTheRange() {
        assertThat(tally.count).isEqualTo(EVENTS);
        assertThat(tally.earliest).isAfterOrEqualTo(FROM);
        assertThat(tally.latest).isBefore(TO);
    }

    @Test
    void songPlaysFollowZipfsLaw() {
        long[] plays = tally.playsByRank;
        double topToTenth = (double) plays[0] / plays[9];
        assertThat(topToTenth).isBetween(6.0, 16.0);
        // least squares of log(plays) on log(rank) over the first 500 ranks
        double slope = logLogSlope(plays, 500);
        assertThat(slope).isBetween(-1.2, -0.8);
    }

    @Test
    void popularSongsAreSkippedLessThanObscureOnes() {
        double topTen = tally.skipRate(0, 10);
        double tail = tally.skipRate(1_000, 5_000);
        assertThat(topTen).isBetween(0.05, 0.25);
        assertThat(tail).isGreaterThan(topTen * 1.5);
    }

    @Test
    void skipsComeEarlierInTheTrackMoreOftenThanLate() {
        assertThat(tally.skipsInFirstHalf).isGreaterThan(2 * tally.skipsInSecondHalf);
    }

    @Test
    void sessionsHoldSeveralEventsOfOneListener() {
        double eventsPerSession = (double) tally.unique / tally.sessions.size();
        assertThat(eventsPerSession).isBetween(5.0, 30.0);
        long sessionsOfThreeOrMore = tally.sessions.values().stream().filter(s -> s.events >= 3).count();
        assertThat((double) sessionsOfThreeOrMore / tally.sessions.size()).isGreaterThan(0.5);
        assertThat(tally.sessionsWithTwoListeners).isZero();
    }

    @Test
    void everyEventTypeAppearsAndPausesAreResumed() {
        assertThat(tally.byType).containsOnlyKeys(EventType.values());
        assertThat(tally.byType.get(EventType.PLAY)).isGreaterThan(tally.byType.get(EventType.SKIP));
        assertThat(tally.positionsBeyondDuration).isZero();
    }

    @Test
    void lateAndDuplicateSharesAreAsConfigured() {
        double duplicates = (double) (tally.count - tally.unique) / tally.unique;
        assertThat(duplicates).isCloseTo(DUPLICATE_SHARE, org.assertj.core.data.Offset.offset(0.003));
        double late = (double) tally.late / tally.unique;
        assertThat(late).isCloseTo(LATE_SHARE, org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void listenersListenMoreInTheirEveningThanAtNight() {
        long evening = tally.byLocalHour[19] + tally.byLocalHour[20];
        long night = tally.byLocalHour[3] + tally.byLocalHour[4];
        assertThat(evening).isGreaterThan(4 * night);
    }

    @Test
    void listenersMostlyUseTheirPreferredDevice() {
        assertThat((double) tally.onPreferredDevice / tally.unique).isBetween(0.8, 0.95);
        assertThat(tally.devices).containsExactlyInAnyOrder(Listener.MOBILE, Listener.DESKTOP, Listener.WEB);
    }

    private static double logLogSlope(long[] counts, int ranks) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int r = 0; r < ranks; r++) {
            double x = Math.log(r + 1);
            double y = Math.log(Math.max(1, counts[r]));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (ranks * sxy - sx * sy) / (ranks * sxx - sx * sx);
    }

    /** Counts kept while the events stream past (a million events are not kept in memory). */
    private static final class Tally {
        final Map<String, Integer> rankBySongId = new HashMap<>();
        final Map<String, Listener> listenerById = new HashMap<>();
        final long[] playsByRank;
        final long[] skipsByRank;
        final long[] byLocalHour = new long[24];
        final Map<EventType, Long> byType = new HashMap<>();
        final Map<String, SessionTally> sessions = new HashMap<>(400_000);
        final Set<String> eventIds = new HashSet<>(4_000_000);
        final Set<String> devices = new HashSet<>();
        long count;
        long unique;
        long late;
        long sessionsWithTwoListeners;
        long skipsInFirstHalf;
        long skipsInSecondHalf;
        long positionsBeyondDuration;
        long onPreferredDevice;
        Instant earliest = Instant.MAX;
        Instant latest = Instant.EPOCH;

        Tally(Catalogue catalogue) {
            List<Song> songs = catalogue.songs();
            songs.forEach(song -> rankBySongId.put(song.id(), song.rank()));
            catalogue.listeners().forEach(listener -> listenerById.put(listener.id(), listener));
            playsByRank = new long[songs.size()];
            skipsByRank = new long[songs.size()];
        }

        void add(ListeningEvent event) {
            count++;
            if (!eventIds.add(event.eventId())) {
                return;
            }
            unique++;
            Instant at = event.timestamp();
            // on time, events come in time order: one set back more than a minute came late
            if (at.isBefore(latest.minusSeconds(30))) {
                late++;
            }
            earliest = at.isBefore(earliest) ? at : earliest;
            latest = at.isAfter(latest) ? at : latest;
            int rank = rankBySongId.get(event.songId()) - 1;
            byType.merge(event.eventType(), 1L, Long::sum);
            if (event.eventType() == EventType.PLAY) {
                playsByRank[rank]++;
            } else if (event.eventType() == EventType.SKIP) {
                skipsByRank[rank]++;
                if (event.positionMs() * 2 < event.durationMs()) {
                    skipsInFirstHalf++;
                } else {
                    skipsInSecondHalf++;
                }
            }
            if (event.positionMs() > event.durationMs()) {
                positionsBeyondDuration++;
            }
            Listener listener = listenerById.get(event.userId());
            int minuteOfDay = (int) Math.floorMod(at.getEpochSecond() / 60 + listener.utcOffsetMinutes(), 24 * 60);
            byLocalHour[minuteOfDay / 60]++;
            devices.add(event.deviceType());
            if (event.deviceType().equals(listener.preferredDevice())) {
                onPreferredDevice++;
            }
            SessionTally session = sessions.computeIfAbsent(event.sessionId(), id -> new SessionTally(event.userId()));
            session.events++;
            if (!session.userId.equals(event.userId())) {
                sessionsWithTwoListeners++;
            }
        }

        double skipRate(int fromRank, int toRank) {
            long plays = 0;
            long skips = 0;
            for (int r = fromRank; r < toRank; r++) {
                plays += playsByRank[r];
                skips += skipsByRank[r];
            }
            return (double) skips / plays;
        }
    }

    private static final class SessionTally {
        final String userId;
        int events;

        SessionTally(String userId) {
            this.userId = userId;
        }
    }
}
