package io.playstream.transform.internal.project;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code exposures:} entry: something outside the project that reads its models (a dashboard),
 * kept for the manifest's lineage; nothing is built from it.
 *
 * @param refs the models it depends on, by name ({@code ref('top_songs')})
 * @param properties the other keys as written (type, owner, label, maturity, url, description, tags, meta)
 */
public record Exposure(String name, String file, List<String> refs, Map<String, Object> properties) {

    public Exposure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        refs = List.copyOf(refs);
        properties = Map.copyOf(properties);
    }
}
