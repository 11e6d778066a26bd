package io.playstream.stream;

import io.playstream.OptionalDependency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where Kafka is and how to talk to it: bootstrap servers plus client properties passed through
 * unchanged ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}...), so an external cluster
 * works without code changes. Immutable; {@link #with} returns a copy.
 *
 * @param bootstrapServers  {@code host:port[,host:port...]}
 * @param clientProperties  extra client settings, applied to producers, consumers and admin clients
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties) {

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*");

    public KafkaSettings {
        OptionalDependency.KAFKA_CLIENTS.require();
        if (bootstrapServers == null || !HOST_PORT.matcher(bootstrapServers).matches()) {
            throw new IllegalArgumentException("bootstrap.servers must be host:port[,host:port...], was '"
                    + bootstrapServers + "'");
        }
        clientProperties = Map.copyOf(clientProperties);
        if (clientProperties.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("bootstrap.servers goes in bootstrapServers, not in clientProperties");
        }
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /** A copy with one more client property. */
    public KafkaSettings with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(clientProperties);
        copy.put(key, value);
        return new KafkaSettings(bootstrapServers, copy);
    }

    /** The client properties, starting from {@code defaults}; the pass-through ones win. */
    Properties toProperties(Map<String, ?> defaults) {
        Properties p = new Properties();
        p.putAll(defaults);
        p.put("bootstrap.servers", bootstrapServers);
        p.putAll(clientProperties);
        return p;
    }

    @Override
    public String toString() {
        // never print secrets such as sasl.jaas.config
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", clientProperties=" + clientProperties.keySet() + "]";
    }
}
