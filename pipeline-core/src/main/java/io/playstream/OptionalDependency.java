package io.playstream;

/**
 * The libraries pipeline-core declares optional, each with the feature that needs it. An
 * application that imports core takes only what it uses; when it uses a feature without its
 * library, {@link #require()} says which Maven artifact to add, where the JVM would otherwise throw
 * a bare {@code NoClassDefFoundError} from deep inside the feature.
 */
public enum OptionalDependency {

    DUCKDB("org.duckdb.DuckDBDriver", "org.duckdb:duckdb_jdbc", "DuckDB warehouses"),
    POSTGRESQL("org.postgresql.Driver", "org.postgresql:postgresql", "PostgreSQL warehouses"),
    SNOWFLAKE("net.snowflake.client.jdbc.SnowflakeDriver", "net.snowflake:snowflake-jdbc", "Snowflake warehouses"),
    S3("io.minio.MinioClient", "io.minio:minio and com.squareup.okhttp3:okhttp-jvm", "S3 and MinIO stores"),
    OKHTTP("okhttp3.OkHttpClient", "com.squareup.okhttp3:okhttp-jvm", "S3 and MinIO stores"),
    KAFKA_CLIENTS("org.apache.kafka.clients.consumer.KafkaConsumer", "org.apache.kafka:kafka-clients",
            "publishing to and sinking from Kafka"),
    KAFKA_BROKER("kafka.server.KafkaRaftServer", "org.apache.kafka:kafka_2.13 and org.apache.kafka:kafka-server",
            "the embedded Kafka broker"),
    JINJAVA("com.hubspot.jinjava.Jinjava", "com.hubspot.jinjava:jinjava", "the dbt transform runner"),
    SNAKEYAML("org.yaml.snakeyaml.Yaml", "org.yaml:snakeyaml", "the dbt transform runner");

    private final String probeClass;
    private final String artifacts;
    private final String feature;

    OptionalDependency(String probeClass, String artifacts, String feature) {
        this.probeClass = probeClass;
        this.artifacts = artifacts;
        this.feature = feature;
    }

    /** Fails, naming the artifact to add, when this library is not on the class path. */
    public void require() {
        require(probeClass, artifacts, feature);
    }

    /** The Maven coordinates ({@code group:artifact}) that bring this library. */
    public String artifacts() {
        return artifacts;
    }

    /** Requires every library in {@code dependencies}. */
    public static void requireAll(OptionalDependency... dependencies) {
        for (OptionalDependency dependency : dependencies) {
            dependency.require();
        }
    }

    static void require(String probeClass, String artifacts, String feature) {
        try {
            // not initialised: probing must not start the library (drivers register themselves when initialised)
            Class.forName(probeClass, false, OptionalDependency.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw PlaystreamException.permanent(feature + " need " + artifacts + " on the class path: add "
                    + (artifacts.contains(" and ") ? "them" : "it") + " to your build beside io.playstream:pipeline-core,"
                    + " which declares it optional", e);
        }
    }
}
