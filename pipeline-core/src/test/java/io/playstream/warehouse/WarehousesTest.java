package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehousesTest {

    @TempDir
    Path temp;

    @Test
    void anUnknownUriFailsNamingTheAcceptedForms() {
        assertThatThrownBy(() -> Warehouses.open("mysql://host/db?password=hunter2", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duckdb:/abs/path/file.duckdb")
                .hasMessageContaining("jdbc:postgresql://host:port/db?user=...")
                .hasMessageContaining("jdbc:snowflake://")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Warehouses.open("duckdb:relative.duckdb", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void postgresTakesItsPasswordFromTheEnvironmentAndNeverShowsIt() {
        Warehouse warehouse = Warehouses.open("jdbc:postgresql://127.0.0.1:5432/db?user=me&password=inurl",
                Map.of("PGPASSWORD", "fromenv"));

        assertThat(warehouse.dbtType()).isEqualTo("postgres");
        assertThat(warehouse.describe()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/db?user=me&password=***")
                .doesNotContain("fromenv");
    }

    @Test
    void snowflakePrefersKeyPairAndKeepsSecretsOutOfDescribe() {
        Map<String, String> env = Map.of("SNOWFLAKE_USER", "loader", "SNOWFLAKE_PRIVATE_KEY_PATH", "/keys/rsa.p8",
                "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "s3cret", "SNOWFLAKE_PASSWORD", "pw");
        SnowflakeSettings settings = SnowflakeSettings.of(
                "jdbc:snowflake://acme.snowflakecomputing.com/?db=PLAY&warehouse=WH&schema=bronze", env);

        assertThat(settings.properties()).containsEntry("authenticator", "snowflake_jwt")
                .containsEntry("private_key_file", "/keys/rsa.p8").containsEntry("private_key_file_pwd", "s3cret")
                .doesNotContainKey("password");
        assertThat(settings.describe()).isEqualTo(
                "jdbc:snowflake://acme.snowflakecomputing.com/?db=PLAY&warehouse=WH&schema=bronze as loader (key pair)");
        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("pw)");
        assertThat(Warehouses.open("jdbc:snowflake://acme.snowflakecomputing.com/?db=PLAY", env).dbtType())
                .isEqualTo("snowflake");
    }

    @Test
    void snowflakeWithoutCredentialsFailsNamingTheVariables() {
        assertThatThrownBy(() -> Warehouses.open("jdbc:snowflake://acme.snowflakecomputing.com/?db=PLAY",
                Map.of("SNOWFLAKE_USER", "loader")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNOWFLAKE_PRIVATE_KEY_PATH").hasMessageContaining("SNOWFLAKE_PASSWORD");
    }

    @Test
    void duckDbFilesAreSharedInsideTheJvmUntilTheLastUserCloses() throws Exception {
        String uri = "duckdb:" + temp.resolve("shared.duckdb");
        try (Warehouse loader = Warehouses.open(uri, Map.of())) {
            try (Warehouse runner = Warehouses.open(uri, Map.of());
                    Connection write = loader.connect(); Statement statement = write.createStatement()) {
                statement.execute("create table t as select 42 as answer");
                try (Connection read = runner.connect(); Statement query = read.createStatement();
                        ResultSet rows = query.executeQuery("select answer from t")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(42);
                }
            }
            try (Connection still = loader.connect()) {
                assertThat(still.isClosed()).isFalse();
            }
        }
    }
}
