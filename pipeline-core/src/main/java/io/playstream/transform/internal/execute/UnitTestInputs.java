package io.playstream.transform.internal.execute;

import io.playstream.PlaystreamException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unit test's {@code input}: {@code ref('model')}, {@code source('source', 'table')} or
 * {@code this}, and the CTE that stands for it in the test's SQL, named as dbt names the
 * ephemeral node it makes of a fixture ({@code __dbt__cte__<model>},
 * {@code __dbt__cte__<source>__<table>}).
 */
record UnitTestInputs(String key, String cte) {

    static final String THIS = "this";
    private static final Pattern REF = Pattern.compile("ref\\(\\s*(['\"])(\\w+)\\1\\s*\\)");
    private static final Pattern SOURCE = Pattern.compile("source\\(\\s*(['\"])(\\w+)\\1\\s*,\\s*(['\"])(\\w+)\\3\\s*\\)");

    /**
     * @return the input's key: the model's name for a ref, {@code source.table} for a source,
     *         {@code this}
     */
    static UnitTestInputs parse(String input, String where) {
        String text = input.strip();
        if (text.equals(THIS)) {
            return new UnitTestInputs(THIS, null);
        }
        Matcher ref = REF.matcher(text);
        if (ref.matches()) {
            return new UnitTestInputs(ref.group(2), "__dbt__cte__" + ref.group(2));
        }
        Matcher source = SOURCE.matcher(text);
        if (source.matches()) {
            return new UnitTestInputs(source.group(2) + "." + source.group(4), "__dbt__cte__" + source.group(2) + "__" + source.group(4));
        }
        throw PlaystreamException.permanent(where + ": Unit test given inputs must be either a 'ref', 'source' or 'this' call. Got: '"
                + input + "'.");
    }
}
