package io.playstream.bench.flink;

import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka to gzip JSON-lines files with Flink's FileSink, exactly once: checkpoints every 2 s, files
 * committed and the group's offsets committed when a checkpoint completes, gzip level 1,
 * parallelism 2, in a local mini-cluster. Runs until killed, like {@code playstream sink}.
 * Arguments: bootstrap servers, topic, group, output folder.
 */
public final class FileSinkDrain {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String group = args[2];
        String out = args[3];
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(2_000, CheckpointingMode.EXACTLY_ONCE);
        KafkaSource<byte[]> source = KafkaSource.<byte[]>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
        FileSink<byte[]> sink = FileSink.forBulkFormat(new Path(out), FileSinkDrain::gzipLines)
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka").sinkTo(sink);
        env.execute("file-sink-drain");
    }

    /** One message a line, gzip level 1, one gzip member per part file. */
    private static BulkWriter<byte[]> gzipLines(FSDataOutputStream stream) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(stream, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        return new BulkWriter<>() {
            @Override
            public void addElement(byte[] line) throws IOException {
                gzip.write(line);
                gzip.write('\n');
            }

            @Override
            public void flush() throws IOException {
                gzip.flush();
            }

            @Override
            public void finish() throws IOException {
                gzip.finish(); // the part file's stream is Flink's to close
            }
        };
    }
}
