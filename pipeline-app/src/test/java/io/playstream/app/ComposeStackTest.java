package io.playstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks {@code compose/} without Docker (there is no engine on the build machine): the stack a user
 * starts with {@code docker compose up} must parse, pin its images, publish on loopback only, point
 * Playstream at the services it defines, use only environment names the app reads, and take every
 * secret from {@code .env}.
 */
class ComposeStackTest {

    /**
     * The environment the app reads, from the {@code app} branch's {@code io.playstream.app.config}
     * ({@code ConfigLoader}: {@code PLAYSTREAM_} + config key with {@code .}/{@code -} as {@code _};
     * {@code Secrets}) and core's adapters ({@code ObjectStores}: AWS keys, {@code PostgresSettings}:
     * {@code PGPASSWORD}). Keep it in step with them.
     */
    static final Set<String> APP_ENVIRONMENT = Set.of(
            "PLAYSTREAM_DATA_DIR", "PLAYSTREAM_KAFKA_BOOTSTRAP_SERVERS", "PLAYSTREAM_KAFKA_TOPIC",
            "PLAYSTREAM_KAFKA_PARTITIONS", "PLAYSTREAM_STORE", "PLAYSTREAM_WAREHOUSE", "PLAYSTREAM_HTTP_HOST",
            "PLAYSTREAM_HTTP_PORT", "PLAYSTREAM_HTTP_MAX_BODY_BYTES", "PLAYSTREAM_JOBS_HOST", "PLAYSTREAM_JOBS_PORT",
            "PLAYSTREAM_JOBS_ALLOW_UNAUTHENTICATED_DASHBOARD",
            "PLAYSTREAM_JOBS_STORAGE", "PLAYSTREAM_JOBS_WORKERS", "PLAYSTREAM_JOBS_RETRIES", "PLAYSTREAM_SCHEDULE_LOAD",
            "PLAYSTREAM_SINK_FLUSH_RECORDS", "PLAYSTREAM_SINK_FLUSH_BYTES", "PLAYSTREAM_SINK_FLUSH_AGE",
            "PLAYSTREAM_SINK_INSTANCE_ID", "PLAYSTREAM_SINK_SESSION_TIMEOUT",
            "PLAYSTREAM_SIMULATE_RATE",
            "PLAYSTREAM_API_TOKEN", "PLAYSTREAM_JOBS_STORAGE_PASSWORD", "PLAYSTREAM_WAREHOUSE_PASSWORD",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "PGPASSWORD");

    /** {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR:?error}}; {@code $$} is an escaped dollar. */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:[:]?[-?+][^}]*)?}");
    private static final Pattern BARE_VARIABLE = Pattern.compile("(?<!\\$)\\$(?![${])[A-Za-z_]");
    private static final Pattern ONLY_A_VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:[:]?[-?][^}]*)?}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|FERNET).*");
    private static final Pattern UNPINNED_TAG = Pattern.compile("(?i)latest|main|master|stable|edge|nightly");

    static Path root;
    static Path compose;
    static String composeText;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        root = repositoryRoot();
        compose = root.resolve("compose");
        composeText = Files.readString(compose.resolve("docker-compose.yml"));
        Map<String, Object> document = yaml().load(composeText);
        services = (Map<String, Map<String, Object>>) (Map<?, ?>) map(document.get("services"));
    }

    @Test
    void composeFileParsesAndDeclaresTheWholeStack() {
        assertThat(services).containsKeys("kafka", "kafka-ui", "minio", "minio-init", "postgres", "playstream",
                "airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor");
        assertThat(services.keySet()).noneMatch(name -> name.contains("zookeeper"));
        assertThat(environment("kafka").keySet()).noneMatch(name -> name.contains("ZOOKEEPER"));
    }

    @Test
    void everyImageIsPinnedToAVersion() throws IOException {
        for (var service : services.entrySet()) {
            Object image = service.getValue().get("image");
            if (image != null) {
                assertPinned(service.getKey(), (String) image);
            } else {
                for (String base : baseImages(dockerfile(service.getValue()))) {
                    assertPinned(service.getKey() + "'s Dockerfile", base);
                }
            }
        }
    }

    @Test
    void kafkaIsTheOfficialKraftImageOfTheClientsRelease() throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:" + version.group(1));
        assertThat(version.group(1)).startsWith("4.");
        assertThat(environment("kafka").get("KAFKA_PROCESS_ROLES")).contains("broker", "controller");
    }

    @Test
    void playstreamPointsAtTheKafkaMinioAndPostgresServicesOfTheStack() throws IOException {
        Map<String, String> env = interpolated(environment("playstream"));
        URI kafka = URI.create("kafka://" + env.get("PLAYSTREAM_KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(environment(kafka.getHost()).get("KAFKA_ADVERTISED_LISTENERS")).contains("//" + kafka.getHost() + ":" + kafka.getPort());
        assertThat(environment(kafka.getHost()).get("KAFKA_LISTENERS")).contains("://:" + kafka.getPort());

        String store = env.get("PLAYSTREAM_STORE");
        assertThat(store).startsWith("s3://");
        URI minio = URI.create(queryParameters(store).get("endpoint"));
        assertThat(containerPorts(minio.getHost())).contains(minio.getPort());

        Set<String> databases = createdDatabases();
        for (String key : List.of("PLAYSTREAM_WAREHOUSE", "PLAYSTREAM_JOBS_STORAGE")) {
            URI postgres = URI.create(env.get(key).substring("jdbc:".length()));
            assertThat(postgres.getScheme()).as(key).isEqualTo("postgresql");
            assertThat(containerPorts(postgres.getHost())).as(key).contains(postgres.getPort());
            assertThat(databases).as(key).contains(postgres.getPath().substring(1));
        }
        assertThat(map(services.get("playstream").get("depends_on")))
                .containsKeys(kafka.getHost(), minio.getHost() + "-init", "postgres");
        assertThat(env.get("PLAYSTREAM_HTTP_PORT")).isEqualTo("8080");
        assertThat(containerPorts("playstream")).containsExactly(8080);
    }

    @Test
    void jobRunrsDashboardIsReachedThroughTheApiWithTheTokenNotOnItsOwnPort() {
        Map<String, String> env = environment("playstream");
        // JobRunr's own server (no authentication) on the container's loopback, the default jobs.host
        assertThat(env).doesNotContainKeys("PLAYSTREAM_JOBS_HOST", "PLAYSTREAM_JOBS_ALLOW_UNAUTHENTICATED_DASHBOARD");
        assertThat(containerPorts("playstream")).doesNotContain(Integer.parseInt(env.get("PLAYSTREAM_JOBS_PORT")));
        assertThat(env.get("PLAYSTREAM_API_TOKEN")).contains("PLAYSTREAM_API_TOKEN:?");
    }

    @Test
    void playstreamIsConfiguredOnlyThroughNamesTheAppReads() {
        assertThat(environment("playstream").keySet()).isSubsetOf(APP_ENVIRONMENT);
    }

    @Test
    void everyPublishedPortIsBoundToLoopbackOnly() {
        for (var service : services.entrySet()) {
            for (Object port : list(service.getValue().get("ports"))) {
                if (port instanceof Map<?, ?> longSyntax) {
                    assertThat(longSyntax.get("host_ip")).as(service.getKey()).isEqualTo("127.0.0.1");
                } else {
                    assertThat(String.valueOf(port)).as(service.getKey()).matches("127\\.0\\.0\\.1:\\d+:\\d+(/tcp|/udp)?");
                }
            }
        }
    }

    @Test
    void everyServiceHasAHealthCheckOrIsAOneShotJobOthersWaitFor() {
        for (var service : services.entrySet()) {
            Map<String, Object> healthcheck = map(service.getValue().get("healthcheck"));
            if (!healthcheck.isEmpty()) {
                assertThat(list(healthcheck.get("test"))).as(service.getKey()).isNotEmpty().doesNotContain("NONE");
            } else {
                assertThat(service.getValue().get("restart")).as(service.getKey() + " has no health check").isEqualTo("no");
                assertThat(waitedForToComplete(service.getKey())).as(service.getKey()).isTrue();
            }
        }
    }

    @Test
    void playstreamImageIsBuiltFromModulesThatExist() throws IOException {
        Map<String, Object> build = map(services.get("playstream").get("build"));
        Path context = compose.resolve((String) build.get("context")).normalize();
        assertThat(context).isEqualTo(root);
        String dockerfile = Files.readString(dockerfile(services.get("playstream")));
        String ignore = Files.readString(dockerfile(services.get("playstream")).resolveSibling("Dockerfile.dockerignore"));

        List<String> copied = new ArrayList<>();
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(?!--)(\\S+)\\s+\\S+$").matcher(dockerfile);
        while (copy.find()) {
            copied.add(copy.group(1).replaceAll("^\\./|/$", ""));
        }
        for (String source : copied) {
            assertThat(context.resolve(source)).as("COPY " + source).exists();
            assertThat(ignore).as("Dockerfile.dockerignore lets " + source + " in").containsPattern("(?m)^!" + Pattern.quote(source) + "/?$");
        }
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        while (module.find()) {
            assertThat(copied).as("every reactor module is in the build").contains(module.group(1));
        }
        assertThat(Files.readString(root.resolve("pipeline-app/pom.xml")))
                .contains("<finalName>playstream</finalName>", "<classpathPrefix>lib/</classpathPrefix>");
        assertThat(dockerfile).contains("COPY --from=build /src/pipeline-app/target/playstream.jar ",
                "COPY --from=build /src/pipeline-app/target/lib ", "-DskipTests", "\"-jar\", \"/opt/playstream/playstream.jar\"",
                "CMD [\"run\"]");
        assertThat(context.resolve("dbt/dbt_project.yml")).exists();
    }

    @Test
    void envExampleDefinesExactlyTheVariablesTheComposeFileUses() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(composeText);
        while (variable.find()) {
            used.add(variable.group(1));
        }
        assertThat(BARE_VARIABLE.matcher(composeText).find()).as("a $VAR without braces").isFalse();
        assertThat(envExample().keySet()).containsExactlyInAnyOrderElementsOf(used);
        assertThat(Files.readAllLines(root.resolve(".gitignore"))).as(".env is git-ignored").contains(".env");
    }

    @Test
    void noSecretValueIsWrittenInTheComposeFileOrTheExample() throws IOException {
        for (String service : services.keySet()) {
            environment(service).forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches()) {
                    assertThat(value).as(service + " " + name).matches(ONLY_A_VARIABLE);
                }
                assertThat(value).as(service + " " + name + " holds no user:password@")
                        .doesNotContainPattern("://[^/@:\\s]+:(?!\\$\\{)[^/@\\s]+@");
                assertThat(value).as(service + " " + name).doesNotContainPattern("(?i)[?&]password=");
            });
        }
        envExample().forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                assertThat(value).as(".env.example " + name + " must stay empty").isEmpty();
            }
        });
    }

    @Test
    void airflowRunsDbtOnTheWarehouseDatabaseWithTheProjectMounted() throws IOException {
        Map<String, String> env = environment("airflow-scheduler");
        assertThat(env.get("DBT_TARGET")).isEqualTo("postgres");
        assertThat(containerPorts(env.get("PGHOST"))).contains(Integer.parseInt(env.get("PGPORT")));
        assertThat(createdDatabases()).contains(env.get("PGDATABASE"), "airflow");
        assertThat(list(services.get("airflow-scheduler").get("volumes"))).contains("../dbt:/opt/airflow/dbt");
        assertThat(Files.readString(compose.resolve("airflow/requirements.txt")))
                .containsPattern("(?m)^dbt-core==\\d+\\.\\d+\\.\\d+$").containsPattern("(?m)^dbt-postgres==\\d+\\.\\d+\\.\\d+$");
    }

    private static void assertPinned(String where, String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        assertThat(colon).as(where + ": " + image + " has a tag").isGreaterThan(slash);
        String tag = name.substring(colon + 1);
        assertThat(tag).as(where + ": " + image).doesNotMatch(UNPINNED_TAG).containsPattern("\\d");
        assertThat(tag).as(where + ": " + image + " has no variable tag").doesNotContain("$");
    }

    /** Images named by {@code FROM} lines, not counting earlier build stages. */
    private static List<String> baseImages(Path dockerfile) throws IOException {
        List<String> images = new ArrayList<>();
        Set<String> stages = new LinkedHashSet<>();
        Matcher from = Pattern.compile("(?im)^FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?").matcher(Files.readString(dockerfile));
        while (from.find()) {
            if (!stages.contains(from.group(1))) {
                images.add(from.group(1));
            }
            if (from.group(2) != null) {
                stages.add(from.group(2));
            }
        }
        assertThat(images).as(dockerfile + " names a base image").isNotEmpty();
        return images;
    }

    private static Path dockerfile(Map<String, Object> service) {
        Map<String, Object> build = map(service.get("build"));
        assertThat(build).as("a service without image is built").containsKey("context");
        Path context = compose.resolve((String) build.get("context"));
        Path dockerfile = context.resolve((String) build.getOrDefault("dockerfile", "Dockerfile"));
        assertThat(dockerfile).exists();
        return dockerfile;
    }

    /** Ports the service listens on inside the network: published container ports and known defaults. */
    private static Set<Integer> containerPorts(String service) {
        assertThat(services).as("service " + service).containsKey(service);
        Set<Integer> ports = new TreeSet<>();
        for (Object port : list(services.get(service).get("ports"))) {
            String text = String.valueOf(port).replaceAll("/(tcp|udp)$", "");
            ports.add(Integer.parseInt(text.substring(text.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    private static boolean waitedForToComplete(String job) {
        return services.values().stream()
                .map(s -> map(s.get("depends_on")).get(job))
                .anyMatch(d -> d instanceof Map<?, ?> m && "service_completed_successfully".equals(m.get("condition")));
    }

    private static Set<String> createdDatabases() throws IOException {
        Set<String> databases = new TreeSet<>();
        try (var files = Files.list(compose.resolve("postgres/init"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher create = Pattern.compile("(?im)^create database (\\w+)").matcher(Files.readString(file));
                while (create.find()) {
                    databases.add(create.group(1));
                }
            }
        }
        return databases;
    }

    private static Map<String, String> environment(String service) {
        assertThat(services).as("service " + service).containsKey(service);
        Object env = services.get(service).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> mapping) {
            mapping.forEach((k, v) -> variables.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            for (Object entry : list(env)) {
                String[] pair = String.valueOf(entry).split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return variables;
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(compose.resolve(".env.example"))) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                String[] pair = line.split("=", 2);
                assertThat(pair).as(".env.example: " + pair[0]).hasSize(2);
                variables.put(pair[0].strip(), pair[1].strip().replaceAll("^\"(.*)\"$", "$1"));
            }
        }
        return variables;
    }

    /** The values as compose sees them with .env copied from .env.example. */
    private static Map<String, String> interpolated(Map<String, String> environment) throws IOException {
        Map<String, String> example = envExample();
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((name, value) -> values.put(name, VARIABLE.matcher(value)
                .replaceAll(m -> Matcher.quoteReplacement(example.getOrDefault(m.group(1), "")))));
        return values;
    }

    private static Map<String, String> queryParameters(String uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return parameters;
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("compose/docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no compose/docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : value == null ? List.of() : List.of(value);
    }
}
