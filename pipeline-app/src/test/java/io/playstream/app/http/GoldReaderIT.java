package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.PlaystreamException;
import io.playstream.testing.ScratchPostgres;
import io.playstream.warehouse.Warehouse;
import io.playstream.warehouse.Warehouses;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the gold API's reader fails when the warehouse does: a passing outage is a 503 clients retry, a misconfiguration is not. */
class GoldReaderIT {

    @Test
    void aWarehouseThatCannotBeReachedIs503() throws IOException {
        try (Warehouse down = Warehouses.open("jdbc:postgresql://127.0.0.1:" + closedPort() + "/gold?user=postgres", Map.of())) {
            assertThatThrownBy(() -> new GoldReader(down).read(GoldTable.TOP_SONGS, Map.of()))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(503))
                    .hasMessageContaining("the warehouse is unavailable");
        }
    }

    @Test
    void aDatabaseThatDoesNotExistIsNotMistakenForAnOutage() {
        // the real server answers: trying again will not help, so it stays a server error (500)
        try (Warehouse missing = Warehouses.open(ScratchPostgres.urlOf("playstream_no_such_db"), Map.of())) {
            assertThatThrownBy(() -> new GoldReader(missing).read(GoldTable.TOP_SONGS, Map.of()))
                    .isInstanceOfSatisfying(PlaystreamException.class, e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("playstream_no_such_db");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
