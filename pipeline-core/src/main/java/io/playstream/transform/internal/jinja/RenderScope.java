package io.playstream.transform.internal.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one rendering of one file needs and collects: how {@code ref}/{@code source} resolve,
 * whether {@code is_incremental()} is true, and the refs, sources and {@code config()} it saw.
 */
public final class RenderScope {

    /** Resolves {@code ref} and {@code source} to relations; throws for unknown names. */
    public interface Resolver {
        Relation ref(String model);

        Relation source(String source, String table);
    }

    private final String file;
    private final Resolver resolver;
    private final boolean incremental;
    private final Relation self;
    private final List<String> refs = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final Map<String, Object> config = new LinkedHashMap<>();
    private RuntimeException failure;

    public RenderScope(String file, Resolver resolver, boolean incremental, Relation self) {
        this.file = Objects.requireNonNull(file, "file");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.incremental = incremental;
        this.self = self;
    }

    public String file() {
        return file;
    }

    Resolver resolver() {
        return resolver;
    }

    boolean incremental() {
        return incremental;
    }

    Relation self() {
        return self;
    }

    void addRef(String model) {
        if (!refs.contains(model)) {
            refs.add(model);
        }
    }

    void addSource(String source, String table) {
        String key = source + "." + table;
        if (!sources.contains(key)) {
            sources.add(key);
        }
    }

    void addConfig(String key, Object value) {
        config.put(key, value);
    }

    /** Keeps the first failure of a function: Jinjava would otherwise reduce it to a template error. */
    void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
    }

    RuntimeException failure() {
        return failure;
    }

    /** Models named by {@code ref()}, in order of first use. */
    public List<String> refs() {
        return List.copyOf(refs);
    }

    /** Sources named by {@code source()}, as {@code source.table}. */
    public List<String> sources() {
        return List.copyOf(sources);
    }

    /** The keyword arguments of the file's {@code config()} calls. */
    public Map<String, Object> config() {
        return new LinkedHashMap<>(config);
    }
}
