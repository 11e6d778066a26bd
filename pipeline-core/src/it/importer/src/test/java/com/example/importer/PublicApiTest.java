package com.example.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.playstream.event.DecodeResult;
import io.playstream.event.EventCodec;
import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import io.playstream.partition.ObjectKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What an importer of pipeline-core does, using nothing but its public API and its declared dependencies. */
class PublicApiTest {

    private static final String EVENT = "{\"event_id\": \"af68fa20-1675-4eee-b2bd-c8691ec274a2\", "
            + "\"user_id\": \"36e73b3c-c436-480d-83d2-97fe49400625\", \"song_id\": \"1bf43cf2-745e-57bb-8af1-5a7055a1f93a\", "
            + "\"artist_name\": \"Kanye West\", \"song_name\": \"Stronger\", \"event_type\": \"add_to_playlist\", "
            + "\"device_type\": \"mobile\", \"country\": \"AU\", \"timestamp\": \"2025-12-10T15:26:25.799926Z\"}";

    @Test
    void decodesAnEventOfTheOriginalPipeline() {
        DecodeResult result = new EventCodec().decode(EVENT.getBytes(StandardCharsets.UTF_8));
        ListeningEvent event = assertInstanceOf(DecodeResult.Decoded.class, result).event();
        assertEquals(EventType.ADD_TO_PLAYLIST, event.eventType());
    }

    @Test
    void computesAndParsesABronzeKey() {
        ListeningEvent event = ((DecodeResult.Decoded) new EventCodec().decode(EVENT.getBytes(StandardCharsets.UTF_8))).event();
        BronzeKey key = BronzeKey.of("spotify-events", 0, 42, event.timestamp(), Compression.GZIP);
        assertEquals("bronze/date=2025-12-10/hour=15/spotify-events+0+0000000000000000042.jsonl.gz", key.value());
        assertEquals(key, ObjectKey.parse(key.value()).orElseThrow());
    }

    @Test
    void adapterLibrariesStayOptional() {
        // an importer that wants the codec does not get Kafka, DuckDB or a scheduler on its classpath
        for (String adapterClass : new String[] {"org.apache.kafka.clients.producer.KafkaProducer",
                "org.duckdb.DuckDBConnection", "io.minio.MinioClient", "org.jobrunr.scheduling.JobScheduler",
                "picocli.CommandLine"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(adapterClass), adapterClass);
        }
    }
}
