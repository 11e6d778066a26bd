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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import io.playstream.warehouse.Completeness;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Watches a running app for the stamped events: when each one's bronze file was written (the
 * object's modification time, exact), when its user first showed in {@code bronze.spotify_events}
 * and in {@code gold.user_engagement} (the poll that saw it, so up to one poll interval late), and
 * gold's completeness watermark. The probe shares the app's two cores, so it looks as little as it
 * can: the bronze files, whose times are their own and need no timely look, are listed and read
 * every {@link #BRONZE_EVERY}, and each look at warehouse bronze reads only the rows loaded since
 * the last stamped ones it saw. At 20,000 events/s, listing the bucket, reading the new files and
 * scanning all of warehouse bronze four times a second took 10.8 s of CPU a minute from the
 * pipeline it measured; 8.7 s since.
 */
final class FreshnessProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAREHOUSE_BRONZE_QUERY = "select user_id, _loaded_at from bronze.spotify_events"
            + " where _loaded_at > ? and user_id like '" + StampedEvents.USER_PREFIX + "%'";
    /**
     * How far before the newest stamped row seen a look at warehouse bronze starts again: loads
     * commit one at a time under the load lock, in the order of their stamps; the slack covers a
     * clock step and a load that took its stamp before another committed.
     */
    private static final Duration LOADED_SLACK = Duration.ofSeconds(30);
    /** How often the bronze files are listed and the new ones read. */
    private static final Duration BRONZE_EVERY = Duration.ofSeconds(2);
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
    private LocalDateTime loadedSince = LocalDateTime.of(1970, 1, 1, 0, 0);
    private long bronzeReadAt = System.nanoTime();

    FreshnessProbe(ObjectStore store, Warehouse warehouse) {
        this.store = store;
        this.warehouse = warehouse;
    }

    /** One look at gold, its watermark and warehouse bronze, and at the bronze files when they are due. */
    void poll() {
        goldExists |= pollGold();
        try {
            goldThrough = Completeness.read(warehouse).goldThrough();
        } catch (RuntimeException e) {
            // not yet created
        }
        pollWarehouseBronze();
        if (System.nanoTime() - bronzeReadAt >= 0) {
            readBronze();
            bronzeReadAt = System.nanoTime() + BRONZE_EVERY.toNanos();
        }
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

    /** Reads the bronze files written or rewritten since the last call. */
    private void readBronze() {
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

    /** Stamped users in gold, each at the first poll that saw it; false when gold is not built yet. */
    private boolean pollGold() {
        Instant now = Instant.now();
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(GOLD_QUERY)) {
            while (rows.next()) {
                inGold.putIfAbsent(rows.getString(1), now);
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            return false; // not built yet
        }
    }

    /** Stamped users in warehouse bronze loaded since the last look's newest (less the slack), each at the first poll that saw it. */
    private void pollWarehouseBronze() {
        Instant now = Instant.now();
        try (Connection connection = warehouse.connect();
             PreparedStatement statement = connection.prepareStatement(WAREHOUSE_BRONZE_QUERY)) {
            statement.setObject(1, loadedSince);
            LocalDateTime newest = null;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    inWarehouseBronze.putIfAbsent(rows.getString(1), now);
                    LocalDateTime loadedAt = rows.getObject(2, LocalDateTime.class);
                    newest = newest == null || loadedAt.isAfter(newest) ? loadedAt : newest;
                }
            }
            if (newest != null && newest.minus(LOADED_SLACK).isAfter(loadedSince)) {
                loadedSince = newest.minus(LOADED_SLACK);
            }
        } catch (SQLException | RuntimeException e) {
            // bronze not created yet
        }
    }
}
