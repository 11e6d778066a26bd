package io.playstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.PlaystreamException;
import io.playstream.jobs.testing.DbtProjectCopy;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.ScratchPostgres;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the real stages sort failures that need no running warehouse to happen. */
class CoreStagesTest {

    @TempDir
    Path dir;

    @Test
    void aSelectorTheRunnerCannotParseIsAPermanentFailureSoTheJobFailsAtOnce() {
        // opening a PostgreSQL warehouse does not connect, and the selector is read before any connection
        try (Warehouse warehouse = Warehouses.open(ScratchPostgres.urlOf("never_connected"), Map.of());
             FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("lake"))) {
            CoreStages stages = new CoreStages(warehouse, store, DbtProjectCopy.into(dir.resolve("dbt")), Map.of());

            assertThatThrownBy(() -> stages.transform(Optional.of("top_songs,materialized:table"), false))
                    .isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("'materialized:table'").hasMessageContaining("not a valid method name");
        }
    }
}
