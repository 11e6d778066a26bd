package io.playstream.transform;

import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gold figures computed in plain Java from the events as sent, independently of the SQL: the
 * first copy of each event id counts (copies of one event are identical), listening sessions
 * split where a listener is silent for more than the gap, engagement per listener, UTC day,
 * device and country. Rows are rendered as text so tests compare them as multisets.
 */
final class GoldFromEvents {

    static final Duration SESSION_GAP = Duration.ofMinutes(30);

    private final Collection<ListeningEvent> events;

    GoldFromEvents(Iterable<ListeningEvent> sent) {
        Map<String, ListeningEvent> first = new LinkedHashMap<>();
        sent.forEach(e -> first.putIfAbsent(e.eventId(), e));
        this.events = first.values();
    }

    int eventCount() {
        return events.size();
    }

    /** The events that count: the first copy of each event id. */
    Collection<ListeningEvent> events() {
        return events;
    }

    /** One line per session: user, start, end, events, plays, skips (the duration is checked from start and end). */
    List<String> sessions() {
        Map<String, List<ListeningEvent>> byUser = new TreeMap<>();
        events.forEach(e -> byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e));
        List<String> rows = new ArrayList<>();
        byUser.forEach((user, list) -> {
            list.sort(Comparator.comparing(ListeningEvent::timestamp).thenComparing(ListeningEvent::eventId));
            List<ListeningEvent> session = new ArrayList<>();
            for (ListeningEvent event : list) {
                if (!session.isEmpty()
                        && Duration.between(session.get(session.size() - 1).timestamp(), event.timestamp()).compareTo(SESSION_GAP) > 0) {
                    rows.add(session(user, session));
                    session = new ArrayList<>();
                }
                session.add(event);
            }
            rows.add(session(user, session));
        });
        return rows;
    }

    private static String session(String user, List<ListeningEvent> session) {
        return String.join("|", user, utc(session.get(0)).toString(), utc(session.get(session.size() - 1)).toString(),
                String.valueOf(session.size()), String.valueOf(count(session, EventType.PLAY)),
                String.valueOf(count(session, EventType.SKIP)));
    }

    /** One line per listener, UTC day, device and country: events, plays, skips, playlist adds, distinct songs. */
    List<String> userEngagement() {
        Map<String, List<ListeningEvent>> groups = new TreeMap<>();
        for (ListeningEvent e : events) {
            LocalDate day = utc(e).toLocalDate();
            groups.computeIfAbsent(String.join("|", e.userId(), day.toString(), orUnknown(e.deviceType()), orUnknown(e.country())),
                    k -> new ArrayList<>()).add(e);
        }
        List<String> rows = new ArrayList<>();
        groups.forEach((key, group) -> {
            Set<String> songs = new HashSet<>();
            group.forEach(e -> songs.add(e.songId()));
            rows.add(String.join("|", key, String.valueOf(group.size()), String.valueOf(count(group, EventType.PLAY)),
                    String.valueOf(count(group, EventType.SKIP)), String.valueOf(count(group, EventType.ADD_TO_PLAYLIST)),
                    String.valueOf(songs.size())));
        });
        return rows;
    }

    private static long count(List<ListeningEvent> events, EventType type) {
        return events.stream().filter(e -> e.eventType() == type).count();
    }

    static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value.strip();
    }

    static LocalDateTime utc(ListeningEvent event) {
        return LocalDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC);
    }
}
