package io.playstream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.SharedKafkaBroker;
import io.playstream.stream.StoredLines;
import io.playstream.testing.Await;
import io.playstream.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sink command end to end: a replayed file reaches bronze, and SIGTERM stops it cleanly (status 0). */
class SinkCommandIT {


    @TempDir
    Path storeDir;

    @Test
    void replayedFixtureReachesBronzeAndTheSinkStopsCleanlyOnSigterm() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("cli");
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        PublishSupport kafka = new PublishSupport();
        new CommandLine(new Object() {
            @CommandLine.Mixin
            PublishSupport options = kafka;
        }).parseArgs("--bootstrap", bootstrap, "--topic", topic, "--partitions", "2");
        assertThat(kafka.isSelected()).isTrue();
        assertThat(kafka.replay(Fixtures.seedEvents())).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sink = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.playstream.app.Playstream", "sink", "--bootstrap", bootstrap, "--topic", topic,
                "--store", "file:" + storeDir, "--flush-max-age-ms", "300").redirectErrorStream(true)
                .redirectOutput(storeDir.resolveSibling(storeDir.getFileName() + ".log").toFile()).start();
        var store = new FileSystemObjectStore(storeDir);
        List<String> lines = Fixtures.seedEventStrings();
        try {
            Await.until(() -> StoredLines.bronze(store).size() >= lines.size(), Duration.ofSeconds(90),
                    () -> StoredLines.bronze(store).size() + " bronze lines");
        } finally {
            sink.destroy();
        }
        assertThat(sink.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // a JVM stopped by SIGTERM exits with 143 after its shutdown hooks ran; the log shows the clean stop
        assertThat(sink.exitValue()).isIn(0, 143);
        assertThat(Files.readString(storeDir.resolveSibling(storeDir.getFileName() + ".log")))
                .contains("Bronze sink(topic=" + topic).contains(") stopped: ");
        assertThat(StoredLines.bronze(store)).containsExactlyInAnyOrderElementsOf(lines);
    }

    @Test
    void aStoreThatIsNotAFileUriIsAUsageError() {
        int status = PlaystreamCommand.commandLine().execute("sink", "--bootstrap", "127.0.0.1:9", "--store", "relative/path");
        assertThat(status).isEqualTo(FailureHandler.USAGE);
    }
}
