package io.playstream.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.objectstore.ObjectInfo;
import io.playstream.objectstore.ObjectStore;
import io.playstream.warehouse.Warehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.playstream.warehouse.Completeness;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Watches a running app for the stamped events: when each one's bronze file was written (the
 * object's modification time, exact), when its user first showed in {@code bronze.spotify_events}
 * and in {@code gold.user_engagement} (the poll that saw it, so up to one poll interval late), and
 * gold's completeness watermark.
 */
final class FreshnessProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAREHOUSE_BRONZE_QUERY = "select distinct user_id from bronze.spotify_events where user_id like '"
            + StampedEvents.USER_PREFIX + "%'";
    private static final String GOLD_QUERY = "select user_id from gold.user_engagement where user_id like '"
            + StampedEvents.USER_PREFIX + "%'";

    private final ObjectStore store;
    private final Warehouse warehouse;
    private final Map<String, String> readObjects = new HashMap<>();
    private final Map<String, Instant> inBronze = new HashMap<>();
    private final Map<String, Instant> inWarehouseBronze = new HashMap<>();
    private final Map<String, Instant> inGold = new HashMap<>();
    private boolean goldExists;
    private Optional<Instant> goldThrough = Optional.empty();

    FreshnessProbe(ObjectStore store, Warehouse warehouse) {
        this.store = store;
        this.warehouse = warehouse;
    }

    /** One look at bronze and gold. */
    void poll() {
        // the cheap looks first, each timed on its own: reading every new bronze object takes longest
        goldExists |= pollTable(GOLD_QUERY, inGold);
        try {
            goldThrough = Completeness.read(warehouse).goldThrough();
        } catch (RuntimeException e) {
            // not yet created
        }
        pollTable(WAREHOUSE_BRONZE_QUERY, inWarehouseBronze);
        pollBronze();
    }

    /** Seconds between now and gold's watermark, once there is one. */
    Optional<Double> watermarkLagSeconds() {
        return goldThrough.map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0);
    }

    Map<String, Instant> inWarehouseBronze() {
        return inWarehouseBronze;
    }

    /** Whether a transform has built gold yet. */
    boolean goldExists() {
        return goldExists;
    }

    Map<String, Instant> inBronze() {
        return inBronze;
    }

    Map<String, Instant> inGold() {
        return inGold;
    }

    private void pollBronze() {
        try (Stream<ObjectInfo> objects = store.list("bronze/")) {
            objects.filter(o -> !o.etag().equals(readObjects.get(o.key()))).forEach(this::read);
        }
    }

    /** Every stamped user in one new or rewritten bronze file, at the file's time unless seen earlier. */
    private void read(ObjectInfo object) {
        readObjects.put(object.key(), object.etag());
        try (InputStream in = new GZIPInputStream(store.open(object.key()));
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains(StampedEvents.USER_PREFIX)) {
                    JsonNode user = JSON.readTree(line).get("user_id");
                    if (user != null) {
                        inBronze.putIfAbsent(user.asText(), object.lastModified());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + object.key(), e);
        }
    }

    /** Stamped users the query returns, each at the first poll that saw it; false when the table is not there yet. */
    private boolean pollTable(String query, Map<String, Instant> seen) {
        Instant now = Instant.now();
        Set<String> users = new HashSet<>();
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                users.add(rows.getString(1));
            }
        } catch (SQLException | RuntimeException e) {
            return false; // not built yet
        }
        users.forEach(user -> seen.putIfAbsent(user, now));
        return true;
    }
}
