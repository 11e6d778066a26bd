package io.playstream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.RejectReason;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.BronzeNotice;
import io.playstream.stream.DeadLetterChunk;
import io.playstream.stream.Gzip;
import io.playstream.stream.KafkaNotices;
import io.playstream.stream.SharedKafkaBroker;
import io.playstream.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code playstream replay --apply --bootstrap}: the replayed objects are announced to continuous mode. */
class ReplayCommandIT {

    static final Instant RECORDED = Instant.parse("2025-12-10T16:00:00Z");

    @TempDir
    Path temp;

    @Test
    void anAppliedReplayAnnouncesItsObjectsOnTheTopicsNoticeTopic() {
        String topic = SharedKafkaBroker.uniqueName("replay-cli");
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        Path bucket = temp.resolve("bucket");
        DeadLetterChunk chunk = new DeadLetterChunk(topic, 0, 9, RECORDED);
        chunk.add(9, RECORDED, null, ReplayCommandTest.bytes(ReplayCommandTest.event("c1", "2025-12-10T15:00:00Z")),
                RejectReason.BAD_TIMESTAMP, "older check");
        new FileSystemObjectStore(bucket).put(chunk.key().value(), Gzip.compress(chunk.body(), 1));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int status = cli.execute("replay", "--store", "file:" + bucket, "--apply", "--bootstrap", bootstrap);

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("written into 1 bronze objects")
                .contains("announced 1 bronze objects to continuous mode on " + bootstrap);
        try (KafkaNotices.Reader reader = KafkaNotices.reader(SharedKafkaBroker.settings(), topic)) {
            BronzeNotice notice = Await.await(Duration.ofSeconds(60), () -> reader.poll(Duration.ofMillis(200)),
                    n -> !n.keys().isEmpty());
            assertThat(notice.keys()).containsExactly("bronze/date=2025-12-10/hour=15/" + topic + "+0+0000000000000000009.jsonl.gz");
        }
    }
}
