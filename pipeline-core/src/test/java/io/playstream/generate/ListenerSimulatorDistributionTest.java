package io.playstream.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One million events of a week of simulated time (Monday to Sunday) from the default audience and
 * catalogue, and what their distributions must look like: the shapes of a real service's listening.
 */
class ListenerSimulatorDistributionTest {

    private static final long EVENTS = 1_000_000;
    private static final double LATE_SHARE = 0.05;
    private static final double DUPLICATE_SHARE = 0.03;
    private static final Instant FROM = Instant.parse("2025-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-12-08T00:00:00Z");
    private static final List<String> DEVICES = List.of(Listener.MOBILE, Listener.DESKTOP, Listener.WEB);
    /** A play counts as a stream after 30 seconds: a skip before is an early skip. */
    private static final long EARLY_SKIP_MS = 30_000;

    private static Catalogue catalogue;
    private static Tally tally;

    @BeforeAll
    static void generateOnce() {
        ListenerSimulator simulator = ListenerSimulator.create(SimulatorConfig.builder()
                .seed(7).events(EVENTS)
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
        // each genre's hits share the top ranks, so the head is flatter than one Zipf curve
        double topToTenth = (double) plays[0] / plays[9];
        assertThat(topToTenth).isBetween(2.5, 12.0);
        // least squares of log(plays) on log(rank) over the first 500 ranks
        double slope = logLogSlope(plays, 500);
        assertThat(slope).isBetween(-1.2, -0.7);
    }

    @Test
    void artistsHaveSeveralSongs() {
        long artists = catalogue.songs().stream().map(Song::artist).distinct().count();
        assertThat((double) catalogue.songs().size() / artists).isBetween(4.0, 8.0);
    }

    @Test
    void mostListenersAreLightAndAFewHeavy() {
        double[] perDay = tally.tracksPerListeningDay();
        double median = perDay[perDay.length / 2];
        // a typical listening day holds some tens of tracks at most, not hundreds
        assertThat(median).isBetween(5.0, 30.0);
        double light = Arrays.stream(perDay).filter(tracks -> tracks < 10).count() / (double) perDay.length;
        assertThat(light).as("share of listeners with fewer than 10 tracks a listening day").isBetween(0.35, 0.75);
        assertThat(perDay[perDay.length * 99 / 100]).as("the heaviest listeners").isGreaterThan(3 * median);
        assertThat(tally.eventsOfTheTop(0.10)).as("the top tenth's share of events").isBetween(0.35, 0.65);
        assertThat(tally.eventsOfTheTop(0.01)).as("the top hundredth's share of events").isBetween(0.05, 0.25);
    }

    @Test
    void theTopSongReachesOnlySomeListeners() {
        long heard = IntStream.range(0, tally.heardTopSong.length).filter(i -> tally.heardTopSong[i]).count();
        assertThat((double) heard / tally.active()).isBetween(0.1, 0.5);
    }

    @Test
    void skipRatesDifferByDevice() {
        double mobile = Tally.rate(tally.tracksSkipsByDevice[DEVICES.indexOf(Listener.MOBILE)]);
        double desktop = Tally.rate(tally.tracksSkipsByDevice[DEVICES.indexOf(Listener.DESKTOP)]);
        double web = Tally.rate(tally.tracksSkipsByDevice[DEVICES.indexOf(Listener.WEB)]);
        assertThat(mobile).isGreaterThan(web + 0.03);
        assertThat(web).isGreaterThan(desktop + 0.03);
    }

    @Test
    void skipRatesDifferByLocalHour() {
        double commute = Tally.rate(sum(tally.tracksSkipsByLocalHour, 7, 9));
        double night = Tally.rate(sum(tally.tracksSkipsByLocalHour, 1, 4));
        double work = Tally.rate(sum(tally.tracksSkipsByLocalHour, 13, 16));
        assertThat(commute).isGreaterThan(1.4 * night).isGreaterThan(1.25 * work);
    }

    @Test
    void listenersDifferInHowReadilyTheySkip() {
        double[] rates = tally.listenerSkipRates(40);
        assertThat(rates.length).isGreaterThan(1_000);
        assertThat(rates[rates.length * 9 / 10]).isGreaterThan(2.5 * rates[rates.length / 10]);
    }

    @Test
    void lessAppealingSongsAreSkippedEarlierMoreOften() {
        double topHundred = tally.earlySkipRate(0, 100);
        double tail = tally.earlySkipRate(1_000, catalogue.songs().size());
        assertThat(tail).isGreaterThan(1.8 * topHundred);
    }

    @Test
    void newListenersAppearOnLaterDaysAndSomeStop() {
        long[] firstHeard = tally.firstHeardByDay();
        assertThat(firstHeard).doesNotContain(0L);
        long laterDays = Arrays.stream(firstHeard, 2, 7).sum();
        assertThat((double) laterDays / tally.active()).isGreaterThan(0.15);
        long joined = 0;
        long left = 0;
        for (int i = 0; i < tally.listeners.size(); i++) {
            Listener listener = tally.listeners.get(i);
            if (tally.firstByListener[i] == null) {
                continue;
            }
            // a late event's timestamp lies up to 3 hours back; a session runs on after its start
            assertThat(tally.firstByListener[i]).isAfterOrEqualTo(at(listener.joinsAt()).minusSeconds(3 * 3_600));
            assertThat(tally.lastByListener[i]).isBefore(at(listener.leavesAt()).plusSeconds(3_600));
            joined += listener.joinsAt() > 0 ? 1 : 0;
            left += listener.leavesAt() < 1 ? 1 : 0;
        }
        assertThat((double) joined / tally.active()).isGreaterThan(0.1);
        assertThat((double) left / tally.active()).isGreaterThan(0.05);
    }

    @Test
    void weekendsAreQuieterAndStartLaterThanWeekdays() {
        double weekday = Arrays.stream(tally.byDay, 0, 5).average().orElseThrow();
        double weekend = Arrays.stream(tally.byDay, 5, 7).average().orElseThrow();
        assertThat(weekend).isLessThan(0.95 * weekday).isGreaterThan(0.7 * weekday);
        double weekdayMornings = share(tally.weekdayByLocalHour, 7, 9);
        double weekendMornings = share(tally.weekendByLocalHour, 7, 9);
        assertThat(weekendMornings).isLessThan(0.6 * weekdayMornings);
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

    /** The instant at this share of the simulated range. */
    private static Instant at(double shareOfRange) {
        return FROM.plusSeconds((long) (shareOfRange * (TO.getEpochSecond() - FROM.getEpochSecond())));
    }

    /** Track starts and skips of these local hours (from inclusive, to exclusive). */
    private static long[] sum(long[][] tracksSkipsByHour, int from, int to) {
        long[] sum = new long[2];
        for (int hour = from; hour < to; hour++) {
            sum[0] += tracksSkipsByHour[hour][0];
            sum[1] += tracksSkipsByHour[hour][1];
        }
        return sum;
    }

    /** The share of these hours' events (from inclusive, to exclusive) in the whole day. */
    private static double share(long[] byHour, int from, int to) {
        return (double) Arrays.stream(byHour, from, to).sum() / Arrays.stream(byHour).sum();
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
        final Map<String, Integer> listenerById = new HashMap<>();
        final List<Listener> listeners;
        final long[] eventsByListener;
        final long[] tracksByListener;
        final int[] daysByListener;
        final Instant[] firstByListener;
        final Instant[] lastByListener;
        final boolean[] heardTopSong;
        final long[][] tracksSkipsByDevice = new long[3][2];
        final long[][] tracksSkipsByLocalHour = new long[24][2];
        final long[][] tracksSkipsByListener;
        final long[] byDay = new long[7];
        final long[] weekdayByLocalHour = new long[24];
        final long[] weekendByLocalHour = new long[24];
        final long[] earlySkipsByRank;
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
            listeners = catalogue.listeners();
            for (int i = 0; i < listeners.size(); i++) {
                listenerById.put(listeners.get(i).id(), i);
            }
            playsByRank = new long[songs.size()];
            skipsByRank = new long[songs.size()];
            earlySkipsByRank = new long[songs.size()];
            eventsByListener = new long[listeners.size()];
            tracksByListener = new long[listeners.size()];
            daysByListener = new int[listeners.size()];
            firstByListener = new Instant[listeners.size()];
            lastByListener = new Instant[listeners.size()];
            heardTopSong = new boolean[listeners.size()];
            tracksSkipsByListener = new long[listeners.size()][2];
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
            int who = listenerById.get(event.userId());
            Listener listener = listeners.get(who);
            long localMinutes = at.getEpochSecond() / 60 + listener.utcOffsetMinutes();
            int localHour = (int) Math.floorMod(localMinutes, 24 * 60) / 60;
            // 1970-01-01 was a Thursday: day 3 of a week that starts on Monday
            boolean localWeekend = Math.floorMod(Math.floorDiv(localMinutes, 24 * 60) + 3, 7) >= 5;
            int device = DEVICES.indexOf(event.deviceType());
            eventsByListener[who]++;
            int day = (int) ((at.getEpochSecond() - FROM.getEpochSecond()) / 86_400);
            byDay[day]++;
            daysByListener[who] |= 1 << day;
            firstByListener[who] = firstByListener[who] == null || at.isBefore(firstByListener[who])
                    ? at : firstByListener[who];
            lastByListener[who] = lastByListener[who] == null || at.isAfter(lastByListener[who])
                    ? at : lastByListener[who];
            (localWeekend ? weekendByLocalHour : weekdayByLocalHour)[localHour]++;
            byType.merge(event.eventType(), 1L, Long::sum);
            boolean trackStart = event.eventType() == EventType.PLAY && event.positionMs() == 0;
            boolean skip = event.eventType() == EventType.SKIP;
            if (trackStart) {
                tracksByListener[who]++;
                heardTopSong[who] |= rank == 0;
            }
            if (trackStart || skip) {
                int column = skip ? 1 : 0;
                tracksSkipsByDevice[device][column]++;
                tracksSkipsByLocalHour[localHour][column]++;
                tracksSkipsByListener[who][column]++;
            }
            if (event.eventType() == EventType.PLAY) {
                playsByRank[rank]++;
            } else if (skip) {
                skipsByRank[rank]++;
                if (event.positionMs() < EARLY_SKIP_MS) {
                    earlySkipsByRank[rank]++;
                }
                if (event.positionMs() * 2 < event.durationMs()) {
                    skipsInFirstHalf++;
                } else {
                    skipsInSecondHalf++;
                }
            }
            if (event.positionMs() > event.durationMs()) {
                positionsBeyondDuration++;
            }
            byLocalHour[localHour]++;
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
            return perPlay(skipsByRank, fromRank, toRank);
        }

        /** Early skips per play of these ranks. */
        double earlySkipRate(int fromRank, int toRank) {
            return perPlay(earlySkipsByRank, fromRank, toRank);
        }

        private double perPlay(long[] countsByRank, int fromRank, int toRank) {
            long plays = 0;
            long counted = 0;
            for (int r = fromRank; r < toRank; r++) {
                plays += playsByRank[r];
                counted += countsByRank[r];
            }
            return (double) counted / plays;
        }

        /** Listeners with at least one event. */
        long active() {
            return Arrays.stream(eventsByListener).filter(events -> events > 0).count();
        }

        /** Each active listener's tracks started per day they listened, in ascending order. */
        double[] tracksPerListeningDay() {
            return IntStream.range(0, listeners.size()).filter(i -> eventsByListener[i] > 0)
                    .mapToDouble(i -> (double) tracksByListener[i] / Integer.bitCount(daysByListener[i]))
                    .sorted().toArray();
        }

        /** The share of all events sent by the most active {@code share} of active listeners. */
        double eventsOfTheTop(double share) {
            long[] sorted = Arrays.stream(eventsByListener).filter(events -> events > 0).sorted().toArray();
            int top = (int) Math.ceil(sorted.length * share);
            long ofTop = 0;
            for (int i = sorted.length - top; i < sorted.length; i++) {
                ofTop += sorted[i];
            }
            return (double) ofTop / unique;
        }

        /** How many listeners were first heard on each day of the week. */
        long[] firstHeardByDay() {
            long[] byFirstDay = new long[7];
            for (Instant first : firstByListener) {
                if (first != null) {
                    byFirstDay[(int) ((first.getEpochSecond() - FROM.getEpochSecond()) / 86_400)]++;
                }
            }
            return byFirstDay;
        }

        /** Skip rates (skips per track started) of the listeners with at least {@code tracks}, in ascending order. */
        double[] listenerSkipRates(int tracks) {
            return Arrays.stream(tracksSkipsByListener).filter(counts -> counts[0] >= tracks)
                    .mapToDouble(counts -> (double) counts[1] / counts[0]).sorted().toArray();
        }

        static double rate(long[] tracksSkips) {
            return (double) tracksSkips[1] / tracksSkips[0];
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
