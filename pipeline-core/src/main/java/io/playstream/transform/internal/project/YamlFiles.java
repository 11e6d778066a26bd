package io.playstream.transform.internal.project;

import io.playstream.PlaystreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads dbt's YAML files into plain maps and lists, with errors that name the file and the key. */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** The file's top-level mapping; an empty file is an empty map. */
    public static Map<String, Object> readMap(Path file) {
        try {
            return parseMap(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw PlaystreamException.permanent("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses YAML text (e.g. {@code --vars}) into a mapping; {@code origin} names it in errors. */
    public static Map<String, Object> parseMap(String text, String origin) {
        try {
            Object parsed = new Yaml(new LoaderOptions()).load(text);
            if (parsed == null) {
                return Map.of();
            }
            if (!(parsed instanceof Map<?, ?>)) {
                throw PlaystreamException.permanent(origin + ": expected a YAML mapping, found " + parsed.getClass().getSimpleName());
            }
            return asMap(parsed, origin);
        } catch (YAMLException e) {
            throw PlaystreamException.permanent(origin + ": invalid YAML: " + e.getMessage(), e);
        }
    }

    /** {@code value} as a string-keyed map; {@code where} names the key in the error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw PlaystreamException.permanent(where + ": expected a mapping, found " + value);
    }

    /** {@code value} as a list; a single value is a list of one. */
    public static List<Object> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return List.copyOf(list.stream().map(o -> (Object) o).toList());
        }
        return List.of(value);
    }
}
