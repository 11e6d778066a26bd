package io.playstream.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses who starts listening at a given UTC hour of the week: a time zone by how active its
 * listeners are in all times how awake they are at that local hour of their week (weekday or
 * weekend), then one of its listeners by activity, so heavy listeners start many sessions and
 * light ones few. In a simulated range, a listener who has not joined yet or has stopped is drawn
 * again. One alias table per UTC hour of the week and per zone, so a pick costs the same whatever
 * the catalogue's size.
 */
final class ListenerPicker {

    /** Draws before settling for a listener who is not there (only a tiny catalogue needs that many). */
    private static final int PRESENCE_TRIES = 64;

    private final int[][] listenersByZone;
    private final AliasTable[] listenerInZone;
    private final AliasTable[] zoneByUtcHour = new AliasTable[DailyRhythm.HOURS_PER_WEEK];
    private final double[] activityByUtcHour = new double[DailyRhythm.HOURS_PER_WEEK];
    private final Listener[] listeners;

    ListenerPicker(List<Listener> listeners) {
        Map<Integer, List<Integer>> byOffset = new LinkedHashMap<>();
        this.listeners = listeners.toArray(Listener[]::new);
        double totalActivity = 0;
        for (int i = 0; i < listeners.size(); i++) {
            Listener listener = listeners.get(i);
            byOffset.computeIfAbsent(listener.utcOffsetMinutes(), offset -> new ArrayList<>()).add(i);
            totalActivity += listener.activity();
        }
        listenersByZone = new int[byOffset.size()][];
        listenerInZone = new AliasTable[byOffset.size()];
        int[] offsets = new int[byOffset.size()];
        double[] zoneActivity = new double[byOffset.size()];
        int zone = 0;
        for (Map.Entry<Integer, List<Integer>> entry : byOffset.entrySet()) {
            offsets[zone] = entry.getKey();
            listenersByZone[zone] = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            double[] weights = new double[listenersByZone[zone].length];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = listeners.get(listenersByZone[zone][i]).activity();
                zoneActivity[zone] += weights[i];
            }
            listenerInZone[zone++] = new AliasTable(weights);
        }
        for (int hour = 0; hour < DailyRhythm.HOURS_PER_WEEK; hour++) {
            double[] weights = new double[offsets.length];
            double total = 0;
            for (int z = 0; z < offsets.length; z++) {
                weights[z] = zoneActivity[z]
                        * DailyRhythm.weeklyActivity(DailyRhythm.localHourOfWeek(hour, offsets[z]));
                total += weights[z];
            }
            zoneByUtcHour[hour] = new AliasTable(weights);
            activityByUtcHour[hour] = total / totalActivity;
        }
    }

    /**
     * The index of a listener who starts a session in this UTC hour of the week (0-167), at this
     * point of a simulated range (a share from 0 to 1; negative in real time, where everyone is there).
     */
    int pick(int utcHourOfWeek, double shareOfRange, SplittableRandom random) {
        int listener = pickAnyone(utcHourOfWeek, random);
        boolean checkPresence = shareOfRange >= 0;
        for (int i = 1; i < PRESENCE_TRIES && checkPresence && !listeners[listener].presentAt(shareOfRange); i++) {
            listener = pickAnyone(utcHourOfWeek, random);
        }
        return listener;
    }

    private int pickAnyone(int utcHourOfWeek, SplittableRandom random) {
        int zone = zoneByUtcHour[utcHourOfWeek].sample(random);
        return listenersByZone[zone][listenerInZone[zone].sample(random)];
    }

    /** How busy the whole catalogue is in this UTC hour of the week, between 0 and 1: shapes simulated time. */
    double activity(int utcHourOfWeek) {
        return activityByUtcHour[utcHourOfWeek];
    }
}
