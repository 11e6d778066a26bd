package io.playstream.transform.internal.jinja;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The dbt_utils macros a model may call, bound in Jinja as {@code dbt_utils}. Their SQL is the
 * one dbt_utils 1.x generates, so a key built here equals the key built by real dbt.
 */
public final class DbtUtilsMacros {

    static final String NULL_PLACEHOLDER = "'_dbt_utils_surrogate_key_null_'";

    /** {@code dbt_utils.generate_surrogate_key(['a', 'b'])}: md5 of the columns as text joined by '-'. */
    public String generate_surrogate_key(Object fields) {
        List<?> columns = fields instanceof List<?> list ? list : List.of(fields);
        String concatenated = columns.stream()
                .map(c -> "coalesce(cast(" + c + " as varchar), " + NULL_PLACEHOLDER + ")")
                .collect(Collectors.joining(" || '-' || "));
        return "md5(cast(" + concatenated + " as varchar))";
    }
}
