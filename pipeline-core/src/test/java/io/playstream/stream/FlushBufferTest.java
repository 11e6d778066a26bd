package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class FlushBufferTest {

    private static final SinkConfig CONFIG = SinkConfig.defaults("events");
    private static final String EVENT = "{\"event_id\":\"e\",\"timestamp\":\"2025-12-10T15:26:25.799926Z\"}";

    @Test
    void aBufferThatFilledFromABacklogIsDueOnceTheSinkCatchesUp() {
        FlushBuffer buffer = new FlushBuffer(new MessageCheck());
        buffer.add(record(0, EVENT));
        buffer.observeLag(FlushBuffer.BACKLOG_RECORDS);

        assertThat(buffer.isDue(CONFIG, 1)).as("still behind").isFalse();
        assertThat(buffer.isDue(CONFIG, -1)).as("lag unknown").isFalse();
        assertThat(buffer.isDue(CONFIG, 0)).as("caught up").isTrue();
    }

    @Test
    void aSinkKeepingPaceWaitsForTheFlushAge() {
        FlushBuffer buffer = new FlushBuffer(new MessageCheck());
        buffer.add(record(0, EVENT));
        buffer.observeLag(FlushBuffer.BACKLOG_RECORDS - 1);

        assertThat(buffer.isDue(CONFIG, 0)).isFalse();
    }

    @Test
    void linesLongerThanABlockSpanBlocksAndGzipBackWhole() throws IOException {
        BlockPool pool = new BlockPool(1 << 20);
        BronzeChunk chunk = new BronzeChunk("events", 0, 0, Instant.parse("2025-12-10T15:00:00Z"), pool);
        String big = "{\"x\":\"" + "y".repeat(BlockPool.BLOCK_BYTES * 2 + 17) + "\"}";
        chunk.add(EVENT.getBytes(StandardCharsets.UTF_8));
        chunk.add(big.getBytes(StandardCharsets.UTF_8));
        chunk.add(EVENT.getBytes(StandardCharsets.UTF_8));

        String expected = EVENT + "\n" + big + "\n" + EVENT + "\n";
        assertThat(chunk.size()).isEqualTo(expected.length());
        byte[] gzip = Gzip.compress(chunk.lines(), chunk.size(), 1);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        chunk.release();
        assertThat(pool.take().position()).as("a reused block starts empty").isZero();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        return new ConsumerRecord<>("events", 0, offset, null, value.getBytes(StandardCharsets.UTF_8));
    }
}
