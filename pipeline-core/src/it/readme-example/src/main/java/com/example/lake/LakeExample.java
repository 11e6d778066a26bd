package com.example.lake;

import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import io.playstream.warehouse.BronzeLoader;
import io.playstream.warehouse.LoadResult;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/** The README's example: simulate a day of listeners, write it as bronze objects, load them into DuckDB. */
public final class LakeExample {

    private LakeExample() {
    }

    public static LoadResult simulateAndLoad(Path lake, Path duckDbFile) throws IOException {
        // README example: begin
        SimulatorConfig config = SimulatorConfig.builder().seed(7).events(5_000)
                .timeRange(Instant.parse("2025-12-09T00:00:00Z"), Instant.parse("2025-12-10T00:00:00Z"))
                .build();
        // one gzip JSON-lines object per event hour, under the key the bronze sink would use
        Map<Instant, ByteArrayOutputStream> hours = new TreeMap<>();
        EventCodec codec = new EventCodec();
        for (ListeningEvent event : ListenerSimulator.create(config)) {
            ByteArrayOutputStream body = hours.computeIfAbsent(event.timestamp().truncatedTo(ChronoUnit.HOURS),
                    hour -> new ByteArrayOutputStream());
            codec.encodeTo(event, body);
            body.write('\n');
        }
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        for (Map.Entry<Instant, ByteArrayOutputStream> hour : hours.entrySet()) {
            ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
                hour.getValue().writeTo(gzip);
            }
            store.put(BronzeKey.of("spotify-events", 0, 0, hour.getKey(), Compression.GZIP).value(), gzipped.toByteArray());
        }
        // exactly once: a second load finds every object in bronze._load_manifest and loads nothing
        try (Warehouse duckDb = Warehouses.open("duckdb:" + duckDbFile.toAbsolutePath(), Map.of())) {
            return new BronzeLoader(duckDb, store).load();
        }
        // README example: end
    }
}
