package io.playstream.transform.internal.graph;

import io.playstream.PlaystreamException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** dbt's selector methods ({@code method:value}), and which of them the runner implements. */
enum SelectorMethod {
    FQN(true), TAG(true), GROUP(true), ACCESS(true), SOURCE(true), PATH(true), FILE(true), PACKAGE(true),
    CONFIG(true), TEST_NAME(true), TEST_TYPE(true), RESOURCE_TYPE(true), STATE(true), EXPOSURE(true),
    RESULT(true), SOURCE_STATUS(true), UNIT_TEST(true),
    /** A YAML selector of selectors.yml by name (dbt 1.12's {@code selector:} method; {@code --selector NAME} before it). */
    SELECTOR(true),
    // dbt's, for resources the runner does not have (metrics, semantic models, saved queries,
    // versioned models): refused by name rather than matching nothing in silence
    METRIC(false), VERSION(false), SEMANTIC_MODEL(false), SAVED_QUERY(false);

    private final boolean supported;

    SelectorMethod(boolean supported) {
        this.supported = supported;
    }

    String dbtName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method called {@code name}; an unknown or unimplemented one is an error naming the ones there are. */
    static SelectorMethod named(String name, String raw) {
        for (SelectorMethod method : values()) {
            if (method.dbtName().equals(name)) {
                if (!method.supported) {
                    throw SelectionCriterion.invalid(raw, "dbt's selector method '" + name
                            + "' is not implemented by the runner (it has no such resources); supported: " + supportedNames());
                }
                return method;
            }
        }
        throw PlaystreamException.permanent("Invalid selector '" + raw + "': '" + name
                + "' is not a valid method name; supported: " + supportedNames());
    }

    private static String supportedNames() {
        return Arrays.stream(values()).filter(m -> m.supported).map(SelectorMethod::dbtName).collect(Collectors.joining(", "));
    }

    /** Methods that compare with an earlier run: matching nothing is an answer there, not a typo. */
    boolean comparesState() {
        return this == STATE || this == RESULT || this == SOURCE_STATUS;
    }
}
