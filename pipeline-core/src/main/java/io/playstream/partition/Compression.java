package io.playstream.partition;

import java.util.Locale;
import java.util.Optional;

/** How a bronze object's body is compressed, named by its key's suffix. */
public enum Compression {
    /** {@code .jsonl.gz}: read by every engine; the default. */
    GZIP(".jsonl.gz"),
    /** {@code .jsonl.zst}: several times faster to write at gzip's size; DuckDB, Snowflake and Spark read it. */
    ZSTD(".jsonl.zst");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** The compression whose suffix ends {@code key}, if any. */
    public static Optional<Compression> ofKey(String key) {
        for (Compression c : values()) {
            if (key.endsWith(c.suffix)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Parses a configuration value ({@code gzip} or {@code zstd}), naming the accepted ones when wrong. */
    public static Compression fromConfig(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be gzip or zstd, was '" + value + "'", e);
        }
    }
}
