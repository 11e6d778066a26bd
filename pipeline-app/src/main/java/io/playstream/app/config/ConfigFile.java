package io.playstream.app.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One configuration file as flat {@code dotted.key -> text} pairs: {@code .properties} as such, any
 * other as YAML whose nested maps become dotted keys ({@code http: {port: 8080}} is {@code http.port}).
 * YAML is read with SnakeYAML's safe constructor: no class is ever instantiated from the file.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config: no such file: " + file);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return file.getFileName().toString().endsWith(".properties") ? properties(reader) : yaml(reader, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Map<String, String> properties(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> flat = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> flat.put(k.strip(), properties.getProperty(k).strip()));
        return flat;
    }

    private static Map<String, String> yaml(Reader reader, Path file) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (document == null) {
            return flat;
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(file + ": expected a mapping of keys to values at the top");
        }
        flatten("", root, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name + ".", nested, flat);
            } else {
                flat.put(name, value == null ? "" : String.valueOf(value));
            }
        });
    }
}
