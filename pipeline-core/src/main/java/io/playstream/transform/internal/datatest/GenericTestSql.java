package io.playstream.transform.internal.datatest;

import io.playstream.PlaystreamException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL of dbt's generic tests and of the dbt_utils tests the runner implements, as dbt and
 * dbt_utils write it: each query returns the failing rows.
 */
public final class GenericTestSql {

    private GenericTestSql() {
    }

    /**
     * @param test the test name, e.g. {@code unique} or {@code dbt_utils.accepted_range}
     * @param model the relation tested (already narrowed by a {@code where} config)
     * @param column the column, or null for a model-level test
     * @param args the test's rendered arguments ({@code to} already a relation)
     * @param file the YAML file declaring the test, for errors
     */
    public static String sql(String test, String model, String column, Map<String, Object> args, String file) {
        return switch (test) {
            case "not_null" -> "select " + need(column, test, file) + "\nfrom " + model + "\nwhere " + column + " is null";
            case "unique" -> "select " + need(column, test, file) + " as unique_field, count(*) as n_records\nfrom " + model
                    + "\nwhere " + column + " is not null\ngroup by " + column + "\nhaving count(*) > 1";
            case "accepted_values" -> acceptedValues(model, need(column, test, file), args, file);
            case "relationships" -> "with child as (\n    select " + need(column, test, file) + " as from_field\n    from " + model
                    + "\n    where " + column + " is not null\n),\nparent as (\n    select " + arg(args, "field", test, file)
                    + " as to_field\n    from " + arg(args, "to", test, file) + "\n)\nselect from_field\nfrom child\n"
                    + "left join parent on child.from_field = parent.to_field\nwhere parent.to_field is null";
            case "dbt_utils.expression_is_true" -> "select *\nfrom " + model + "\nwhere not("
                    + (column == null ? "" : column + " ") + arg(args, "expression", test, file) + ")";
            case "dbt_utils.accepted_range" -> acceptedRange(model, need(column, test, file), args, test, file);
            case "dbt_utils.unique_combination_of_columns" -> uniqueCombination(model, args, test, file);
            default -> throw PlaystreamException.permanent(file + ": unsupported test '" + test
                    + "' (the runner implements unique, not_null, accepted_values, relationships, dbt_utils.expression_is_true, "
                    + "dbt_utils.accepted_range, dbt_utils.unique_combination_of_columns)");
        };
    }

    private static String acceptedValues(String model, String column, Map<String, Object> args, String file) {
        boolean quote = !Boolean.FALSE.equals(args.get("quote"));
        List<?> values = (List<?>) args.get("values");
        if (values == null) {
            throw PlaystreamException.permanent(file + ": accepted_values on '" + column + "' needs 'values'");
        }
        String list = values.stream().map(v -> quote ? "'" + String.valueOf(v).replace("'", "''") + "'" : String.valueOf(v))
                .collect(Collectors.joining(", "));
        return "with all_values as (\n    select " + column + " as value_field, count(*) as n_records\n    from " + model
                + "\n    group by " + column + "\n)\nselect *\nfrom all_values\nwhere value_field not in (" + list + ")";
    }

    private static String acceptedRange(String model, String column, Map<String, Object> args, String test, String file) {
        if (!args.containsKey("min_value") && !args.containsKey("max_value")) {
            throw PlaystreamException.permanent(file + ": " + test + " on '" + column + "' needs min_value or max_value");
        }
        boolean inclusive = !Boolean.FALSE.equals(args.get("inclusive"));
        StringBuilder where = new StringBuilder("1 = 2");
        if (args.containsKey("min_value")) {
            where.append("\n    or not ").append(column).append(inclusive ? " >= " : " > ").append(args.get("min_value"));
        }
        if (args.containsKey("max_value")) {
            where.append("\n    or not ").append(column).append(inclusive ? " <= " : " < ").append(args.get("max_value"));
        }
        return "select *\nfrom " + model + "\nwhere " + where;
    }

    private static String uniqueCombination(String model, Map<String, Object> args, String test, String file) {
        Object columns = args.get("combination_of_columns");
        if (!(columns instanceof List<?> list) || list.isEmpty()) {
            throw PlaystreamException.permanent(file + ": " + test + " needs a list 'combination_of_columns'");
        }
        String cols = list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "select " + cols + "\nfrom " + model + "\ngroup by " + cols + "\nhaving count(*) > 1";
    }

    private static String need(String column, String test, String file) {
        if (column == null) {
            throw PlaystreamException.permanent(file + ": test '" + test + "' must be declared on a column");
        }
        return column;
    }

    private static String arg(Map<String, Object> args, String name, String test, String file) {
        Object value = args.get(name);
        if (value == null) {
            throw PlaystreamException.permanent(file + ": test '" + test + "' needs the argument '" + name + "'");
        }
        return String.valueOf(value);
    }
}
