package io.playstream.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses who starts listening at a given UTC hour: a time zone by how many listeners live there
 * times how awake they are at that local hour, then one of its listeners. One alias table per UTC
 * hour, so a pick costs the same whatever the catalogue's size.
 */
final class ListenerPicker {

    private final int[][] listenersByZone;
    private final AliasTable[] zoneByUtcHour = new AliasTable[24];
    private final double[] activityByUtcHour = new double[24];

    ListenerPicker(List<Listener> listeners) {
        Map<Integer, List<Integer>> byOffset = new LinkedHashMap<>();
        for (int i = 0; i < listeners.size(); i++) {
            byOffset.computeIfAbsent(listeners.get(i).utcOffsetMinutes(), offset -> new ArrayList<>()).add(i);
        }
        listenersByZone = new int[byOffset.size()][];
        int[] offsets = new int[byOffset.size()];
        int zone = 0;
        for (Map.Entry<Integer, List<Integer>> entry : byOffset.entrySet()) {
            offsets[zone] = entry.getKey();
            listenersByZone[zone++] = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
        }
        for (int hour = 0; hour < 24; hour++) {
            double[] weights = new double[offsets.length];
            double total = 0;
            for (int z = 0; z < offsets.length; z++) {
                weights[z] = listenersByZone[z].length
                        * DailyRhythm.activity(DailyRhythm.localHour(hour, offsets[z]));
                total += weights[z];
            }
            zoneByUtcHour[hour] = new AliasTable(weights);
            activityByUtcHour[hour] = total / listeners.size();
        }
    }

    /** The index of a listener who starts a session in this UTC hour (0-23). */
    int pick(int utcHour, SplittableRandom random) {
        int[] zone = listenersByZone[zoneByUtcHour[utcHour].sample(random)];
        return zone[random.nextInt(zone.length)];
    }

    /** How busy the whole catalogue is in this UTC hour, between 0 and 1: shapes simulated time. */
    double activity(int utcHour) {
        return activityByUtcHour[utcHour];
    }
}
