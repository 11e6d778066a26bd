package io.playstream.transform;

import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The listening marts (streams, time listened, periods, heatmap, segments, retention, skip curve,
 * discovery) recounted in plain Java from the events {@link GoldFromEvents} keeps, by the rules
 * dbt/README.md and the models state, without the SQL: how long a play lasted is read from its
 * session's events here, periods from java.time, local hours from the JDK's time-zone rules. Rows
 * are rendered as text in the column order {@link GoldChecks} reads them in.
 */
final class ListeningFromEvents {

    static final long STREAM_MIN_MS = 30_000;
    static final int SKIP_BUCKET_SECONDS = 10;
    static final int SEGMENT_WINDOW_DAYS = 28;
    static final long SUPER_MIN_STREAMS = 100;
    static final long MODERATE_MIN_STREAMS = 20;
    /** All time starts on the day of dbt's var earliest_event_at. */
    static final LocalDate ALL_TIME = LocalDate.of(2000, 1, 1);
    static final List<String> GRAINS = List.of("day", "week", "month", "year", "all_time");

    /** One event with what the marts derive from it. */
    private record Listened(ListeningEvent event, String device, String country, String artist, LocalDate date, Long listenedMs) {

        boolean is(EventType type) {
            return event.eventType() == type;
        }

        boolean isStream() {
            return listenedMs != null && listenedMs >= STREAM_MIN_MS;
        }

        boolean isEarlySkip() {
            return is(EventType.SKIP) && event.positionMs() != null && event.positionMs() < STREAM_MIN_MS;
        }
    }

    private final List<Listened> events = new ArrayList<>();
    private final Map<String, ZoneId> zones;

    /** {@code zones}: the time zone of each country code; a country without one counts in UTC. */
    ListeningFromEvents(GoldFromEvents gold, Map<String, ZoneId> zones) {
        this.zones = zones;
        Map<String, List<ListeningEvent>> sessions = new HashMap<>();
        gold.events().forEach(e -> sessions.computeIfAbsent(e.userId() + "\u0000" + (e.sessionId() == null ? "" : e.sessionId()),
                k -> new ArrayList<>()).add(e));
        sessions.values().forEach(this::measure);
    }

    /** How long each play of one session lasted: to the next pause or skip of its song, else to the track's end. */
    private void measure(List<ListeningEvent> session) {
        session.sort(Comparator.comparing(ListeningEvent::timestamp).thenComparing(ListeningEvent::eventId));
        List<ListeningEvent> playback = session.stream().filter(e -> e.eventType() != EventType.ADD_TO_PLAYLIST).toList();
        Map<String, Long> listened = new HashMap<>();
        for (int i = 0; i < playback.size(); i++) {
            ListeningEvent play = playback.get(i);
            if (play.eventType() != EventType.PLAY) {
                continue;
            }
            ListeningEvent next = i + 1 < playback.size() ? playback.get(i + 1) : null;
            boolean stopped = next != null && next.songId().equals(play.songId()) && next.eventType() != EventType.PLAY;
            Long end = stopped ? next.positionMs() : play.durationMs();
            long start = play.positionMs() == null ? 0 : play.positionMs();
            listened.put(play.eventId(), end == null ? null : Math.max(0, end - start));
        }
        for (ListeningEvent e : session) {
            events.add(new Listened(e, GoldFromEvents.orUnknown(e.deviceType()), GoldFromEvents.orUnknown(e.country()), GoldFromEvents.orUnknown(e.artistName()),
                    GoldFromEvents.utc(e).toLocalDate(), listened.get(e.eventId())));
        }
    }

    /** period|start|song|plays|streams|listeners|listened_ms|skips|early_skips|playlist_adds */
    List<String> topSongs() {
        return perPeriod(l -> l.event().songId(), (key, group) -> counts(group, listeners(group)));
    }

    /** period|start|artist|plays|streams|listeners|songs|listened_ms|skips|early_skips|playlist_adds */
    List<String> topArtists() {
        return perPeriod(Listened::artist, (key, group) -> {
            Set<String> songs = new HashSet<>();
            group.forEach(l -> songs.add(l.event().songId()));
            return counts(group, listeners(group) + "|" + songs.size());
        });
    }

    /** period|start|user|device|country|listened_ms|plays|streams|skips|playlist_adds|events|active_days */
    List<String> listeningTime() {
        return perPeriod(l -> String.join("|", l.event().userId(), l.device(), l.country()), (key, group) -> {
            Set<LocalDate> days = new HashSet<>();
            group.forEach(l -> days.add(l.date()));
            return String.join("|", String.valueOf(listenedMs(group)), String.valueOf(count(group, EventType.PLAY)),
                    String.valueOf(group.stream().filter(Listened::isStream).count()), String.valueOf(count(group, EventType.SKIP)),
                    String.valueOf(count(group, EventType.ADD_TO_PLAYLIST)), String.valueOf(group.size()),
                    String.valueOf(days.size()));
        });
    }

    /** clock|day_of_week|hour|events|plays|streams|listened_ms|skips */
    List<String> heatmap() {
        Map<String, List<Listened>> cells = new TreeMap<>();
        for (Listened l : events) {
            LocalDateTime utc = GoldFromEvents.utc(l.event());
            LocalDateTime local = LocalDateTime.ofInstant(l.event().timestamp(), zones.getOrDefault(l.country(), ZoneOffset.UTC));
            cells.computeIfAbsent("utc|" + utc.getDayOfWeek().getValue() + "|" + utc.getHour(), k -> new ArrayList<>()).add(l);
            cells.computeIfAbsent("local|" + local.getDayOfWeek().getValue() + "|" + local.getHour(), k -> new ArrayList<>()).add(l);
        }
        List<String> rows = new ArrayList<>();
        cells.forEach((cell, group) -> rows.add(String.join("|", cell, String.valueOf(group.size()),
                String.valueOf(count(group, EventType.PLAY)), String.valueOf(group.stream().filter(Listened::isStream).count()),
                String.valueOf(listenedMs(group)), String.valueOf(count(group, EventType.SKIP)))));
        return rows;
    }

    /** date|segment|listeners|streams, for each day with events. */
    List<String> segments() {
        Map<String, Map<LocalDate, Long>> streamsByListenerDay = new HashMap<>();
        for (Listened l : events) {
            streamsByListenerDay.computeIfAbsent(l.event().userId(), u -> new HashMap<>())
                    .merge(l.date(), l.isStream() ? 1L : 0L, Long::sum);
        }
        Set<LocalDate> days = new HashSet<>();
        events.forEach(l -> days.add(l.date()));
        List<String> rows = new ArrayList<>();
        for (LocalDate day : days) {
            Map<String, long[]> segments = new TreeMap<>();
            streamsByListenerDay.forEach((user, byDay) -> {
                long streams = 0;
                boolean active = false;
                for (Map.Entry<LocalDate, Long> entry : byDay.entrySet()) {
                    long before = ChronoUnit.DAYS.between(entry.getKey(), day);
                    if (before >= 0 && before < SEGMENT_WINDOW_DAYS) {
                        active = true;
                        streams += entry.getValue();
                    }
                }
                if (active) {
                    String segment = streams >= SUPER_MIN_STREAMS ? "super" : streams >= MODERATE_MIN_STREAMS ? "moderate" : "light";
                    long[] size = segments.computeIfAbsent(segment, s -> new long[2]);
                    size[0]++;
                    size[1] += streams;
                }
            });
            segments.forEach((segment, size) -> rows.add(day + "|" + segment + "|" + size[0] + "|" + size[1]));
        }
        return rows;
    }

    /** cohort_week|active_week|week_number|cohort_listeners|active_listeners, every week from the cohort's own to the last with data. */
    List<String> retention() {
        Map<String, Set<LocalDate>> weeksByListener = new HashMap<>();
        events.forEach(l -> weeksByListener.computeIfAbsent(l.event().userId(), u -> new HashSet<>()).add(start("week", l.date())));
        Set<LocalDate> weeks = new HashSet<>();
        weeksByListener.values().forEach(weeks::addAll);
        Map<LocalDate, List<Set<LocalDate>>> cohorts = new TreeMap<>();
        weeksByListener.values().forEach(active -> cohorts.computeIfAbsent(active.stream().min(Comparator.naturalOrder()).orElseThrow(),
                c -> new ArrayList<>()).add(active));
        List<String> rows = new ArrayList<>();
        cohorts.forEach((cohort, members) -> weeks.stream().filter(w -> !w.isBefore(cohort)).forEach(week -> rows.add(String.join("|",
                cohort.toString(), week.toString(), String.valueOf(ChronoUnit.WEEKS.between(cohort, week)),
                String.valueOf(members.size()), String.valueOf(members.stream().filter(m -> m.contains(week)).count())))));
        return rows;
    }

    /** device|bucket_start_seconds|skips, per device and for 'all'. */
    List<String> skipCurve() {
        Map<String, Long> buckets = new TreeMap<>();
        for (Listened l : events) {
            if (l.is(EventType.SKIP) && l.event().positionMs() != null) {
                long bucket = l.event().positionMs() / (SKIP_BUCKET_SECONDS * 1000L) * SKIP_BUCKET_SECONDS;
                buckets.merge(l.device() + "|" + bucket, 1L, Long::sum);
                buckets.merge("all|" + bucket, 1L, Long::sum);
            }
        }
        List<String> rows = new ArrayList<>();
        buckets.forEach((bucket, skips) -> rows.add(bucket + "|" + skips));
        return rows;
    }

    /** period|start|user|songs_played|songs_discovered, for each listener and period with a play. */
    List<String> discoveries() {
        Map<String, LocalDate> firstPlay = new HashMap<>();
        events.stream().filter(l -> l.is(EventType.PLAY))
                .forEach(l -> firstPlay.merge(l.event().userId() + "|" + l.event().songId(), l.date(), (a, b) -> a.isBefore(b) ? a : b));
        List<Listened> plays = events.stream().filter(l -> l.is(EventType.PLAY)).toList();
        return perPeriod(plays, l -> l.event().userId(), (key, group) -> {
            String[] period = key.split("\\|");
            Set<String> songs = new HashSet<>();
            group.forEach(l -> songs.add(l.event().songId()));
            long discovered = songs.stream().filter(song -> {
                LocalDate first = firstPlay.get(group.get(0).event().userId() + "|" + song);
                return start(period[0], first).toString().equals(period[1]);
            }).count();
            return songs.size() + "|" + discovered;
        });
    }

    static LocalDate start(String grain, LocalDate date) {
        return switch (grain) {
            case "day" -> date;
            case "week" -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> date.withDayOfMonth(1);
            case "year" -> date.withDayOfYear(1);
            case "all_time" -> ALL_TIME;
            default -> throw new IllegalArgumentException(grain);
        };
    }

    private List<String> perPeriod(Function<Listened, String> key, Figures figures) {
        return perPeriod(events, key, figures);
    }

    /** One row per grain, period start and key: the key's figures over the period. */
    private static List<String> perPeriod(Collection<Listened> events, Function<Listened, String> key, Figures figures) {
        Map<String, List<Listened>> groups = new TreeMap<>();
        for (Listened l : events) {
            for (String grain : GRAINS) {
                groups.computeIfAbsent(grain + "|" + start(grain, l.date()) + "|" + key.apply(l), k -> new ArrayList<>()).add(l);
            }
        }
        List<String> rows = new ArrayList<>();
        groups.forEach((group, members) -> rows.add(group + "|" + figures.of(group, members)));
        return rows;
    }

    @FunctionalInterface
    private interface Figures {
        String of(String key, List<Listened> group);
    }

    /** plays|streams|{middle}|listened_ms|skips|early_skips|playlist_adds */
    private static String counts(List<Listened> group, String middle) {
        return String.join("|", String.valueOf(count(group, EventType.PLAY)),
                String.valueOf(group.stream().filter(Listened::isStream).count()), middle, String.valueOf(listenedMs(group)),
                String.valueOf(count(group, EventType.SKIP)), String.valueOf(group.stream().filter(Listened::isEarlySkip).count()),
                String.valueOf(count(group, EventType.ADD_TO_PLAYLIST)));
    }

    private static String listeners(List<Listened> group) {
        Set<String> users = new HashSet<>();
        group.forEach(l -> users.add(l.event().userId()));
        return String.valueOf(users.size());
    }

    private static long listenedMs(List<Listened> group) {
        return group.stream().filter(l -> l.listenedMs() != null).mapToLong(Listened::listenedMs).sum();
    }

    private static long count(List<Listened> group, EventType type) {
        return group.stream().filter(l -> l.is(type)).count();
    }
}
