package io.playstream.generate;

import io.playstream.event.ListeningEvent;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The simulator's events, one per clock slot. A slot goes to one of a fixed number of concurrent
 * sessions, drawn at random, so sessions interleave as they do on a real service; a finished
 * session is replaced by a new one of a listener awake at that hour of the week (and, in a
 * simulated range, one who has joined and not stopped by then). The clock sets when events
 * are sent; the sessions set what happens. A late event's timestamp is set back minutes to hours
 * (log-uniformly), and a duplicate is the same event object again in the next slot.
 */
final class EventStream implements Iterator<ListeningEvent> {

    /** Sessions running at once (fewer when there are fewer listeners). */
    static final int CONCURRENT_SESSIONS = 64;
    static final long MIN_LATENESS_MICROS = 60_000_000L;
    static final long MAX_LATENESS_MICROS = 3 * 3_600_000_000L;
    private static final double LOG_MIN_LATENESS = Math.log(MIN_LATENESS_MICROS);
    private static final double LOG_LATENESS_SPAN = Math.log(MAX_LATENESS_MICROS) - LOG_MIN_LATENESS;
    /** Tries to find a listener not already in a session before accepting a second session. */
    private static final int PICK_TRIES = 4;

    private final SimulatorParts parts;
    private final EventClock clock;
    private final SplittableRandom random;
    private final long limit;
    private final double lateShare;
    private final double duplicateShare;
    private final long earliestMicros;
    private final double rangeMicros;
    private final ListeningSession[] sessions;
    private final boolean[] listening;
    private long emitted;
    private ListeningEvent duplicate;

    EventStream(SimulatorParts parts, EventClock clock, SplittableRandom random) {
        SimulatorConfig config = parts.config();
        this.parts = parts;
        this.clock = clock;
        this.random = random;
        this.limit = config.events() == SimulatorConfig.UNBOUNDED ? Long.MAX_VALUE : config.events();
        this.lateShare = config.lateShare();
        this.duplicateShare = config.duplicateShare();
        this.earliestMicros = config.simulatedTime()
                ? config.from().getEpochSecond() * 1_000_000L + config.from().getNano() / 1_000
                : Long.MIN_VALUE;
        this.rangeMicros = config.simulatedTime() ? config.range().toNanos() / 1_000.0 : 0;
        this.sessions = new ListeningSession[Math.min(CONCURRENT_SESSIONS, config.listeners())];
        this.listening = new boolean[config.listeners()];
    }

    @Override
    public boolean hasNext() {
        return emitted < limit;
    }

    @Override
    public ListeningEvent next() {
        if (emitted >= limit) {
            throw new NoSuchElementException("the simulator's " + limit + " events are all out");
        }
        long slot = clock.nextMicros();
        emitted++;
        if (duplicate != null) {
            ListeningEvent again = duplicate;
            duplicate = null;
            return again;
        }
        ListeningSession session = sessionFor(slot);
        session.advance(random, parts.tastes(), parts.chances());
        long at = slot;
        if (lateShare > 0 && random.nextDouble() < lateShare) {
            long lateness = (long) Math.exp(LOG_MIN_LATENESS + random.nextDouble() * LOG_LATENESS_SPAN);
            at = Math.max(earliestMicros, slot - lateness);
        }
        ListeningEvent event = parts.event(RandomIds.next(random), session, toInstant(at));
        if (duplicateShare > 0 && random.nextDouble() < duplicateShare) {
            duplicate = event;
        }
        return event;
    }

    private ListeningSession sessionFor(long slot) {
        int index = random.nextInt(sessions.length);
        ListeningSession session = sessions[index];
        if (session == null) {
            session = new ListeningSession();
            sessions[index] = session;
        } else if (session.isOver()) {
            listening[session.listener()] = false;
        } else {
            return session;
        }
        int hourOfWeek = DailyRhythm.utcHourOfWeek(slot);
        double shareOfRange = rangeMicros > 0 ? (slot - earliestMicros) / rangeMicros : -1;
        int listener = parts.picker().pick(hourOfWeek, shareOfRange, random);
        for (int i = 1; i < PICK_TRIES && listening[listener]; i++) {
            listener = parts.picker().pick(hourOfWeek, shareOfRange, random);
        }
        listening[listener] = true;
        Listener who = parts.listener(listener);
        session.start(listener, who, DailyRhythm.localHour(EventClock.utcHour(slot), who.utcOffsetMinutes()), random);
        return session;
    }

    private static Instant toInstant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }
}
