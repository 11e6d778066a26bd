package io.playstream.transform.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which unit tests a {@code --select} picks, as in dbt: every one for an empty selection, those of
 * the selected models (indirect selection), and every one for {@code test_type:unit} (also spelled
 * {@code resource_type:unit_test}), a term that selects no model or data test itself.
 *
 * @param modelSelector the selection without the unit-test terms, for {@link Selector}
 * @param everyUnitTest whether a unit-test term was given
 * @param unitTestsOnly whether the selection named unit tests only
 */
public record UnitTestSelection(String modelSelector, boolean everyUnitTest, boolean unitTestsOnly) {

    private static final Set<String> UNIT_TEST_TERMS = Set.of("test_type:unit", "resource_type:unit_test");

    public static UnitTestSelection of(String expression) {
        String text = expression == null ? "" : expression.strip();
        if (text.isEmpty()) {
            return new UnitTestSelection("", true, false);
        }
        List<String> others = new ArrayList<>();
        boolean unit = false;
        for (String term : text.split("\\s+")) {
            if (UNIT_TEST_TERMS.contains(term)) {
                unit = true;
            } else {
                others.add(term);
            }
        }
        return new UnitTestSelection(String.join(" ", others), unit, unit && others.isEmpty());
    }

    /** The unit tests picked, given the models (names) the rest of the selection picked. */
    public List<UnitTestNode> select(Collection<UnitTestNode> unitTests, Set<String> selectedModels) {
        return unitTests.stream().filter(u -> everyUnitTest || selectedModels.contains(u.model())).toList();
    }
}
