package io.playstream.app.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The stages {@code bench --stages} can pick, by the short names the option takes, in pipeline order. */
public enum BenchStage {
    ENCODE, PRODUCE, SINK, DUCKDB, POSTGRES, TRANSFORM, FRESHNESS, API;

    /** The option's name of this stage: its name in lower case. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Every stage but the api one (PostgreSQL still runs only with {@code --postgres}): that one builds
     * a warehouse of its own with a full transform, so it runs only when named.
     */
    public static Set<BenchStage> all() {
        return EnumSet.complementOf(EnumSet.of(API));
    }

    /** Parses option names such as {@code sink} or {@code FRESHNESS}; fails naming the accepted ones. */
    public static BenchStage of(String optionName) {
        return Arrays.stream(values()).filter(s -> s.optionName().equalsIgnoreCase(optionName.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--stages accepts " + Arrays.stream(values())
                        .map(BenchStage::optionName).collect(Collectors.joining(", ")) + ", not '" + optionName + "'"));
    }
}
