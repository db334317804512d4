package io.edakit.eventpattern;

import java.math.BigDecimal;
import java.util.List;

/**
 * Reads {@code numeric: [">", 0, "<=", 5]}: one or two comparisons, each an operator followed by a
 * number. {@code "="} stands alone; otherwise at most one lower bound ({@code >}, {@code >=}) and
 * one upper bound ({@code <}, {@code <=}), in either order, that some number satisfies.
 */
final class NumericParser {

    private static final List<String> COMPARISONS = List.of("=", "<", "<=", ">", ">=");

    private NumericParser() {
    }

    static NumericRange parse(Object raw, String path) {
        if (!(raw instanceof List<?> list) || (list.size() != 2 && list.size() != 4)) {
            throw RuleSetException.at(path, "must be one or two comparisons such as [\">\", 0, \"<=\", 5], but is "
                    + YamlValues.describe(raw));
        }
        BigDecimal lower = null;
        BigDecimal upper = null;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        for (int i = 0; i < list.size(); i += 2) {
            String where = path + "[" + i + "]";
            Object comparison = list.get(i);
            if (!(comparison instanceof String operator) || !COMPARISONS.contains(operator)) {
                throw RuleSetException.at(where, YamlValues.describe(comparison) + " is not a comparison; expected one of "
                        + String.join(" ", COMPARISONS));
            }
            BigDecimal bound = YamlValues.number(list.get(i + 1), path + "[" + (i + 1) + "]");
            if (operator.equals("=")) {
                if (list.size() != 2) {
                    throw RuleSetException.at(where, "\"=\" cannot be combined with another comparison");
                }
                return NumericRange.equalTo(bound);
            }
            if (operator.startsWith(">")) {
                if (lower != null) {
                    throw RuleSetException.at(where, "a second lower bound; combine one of > >= with one of < <=");
                }
                lower = bound;
                lowerInclusive = operator.equals(">=");
            } else {
                if (upper != null) {
                    throw RuleSetException.at(where, "a second upper bound; combine one of > >= with one of < <=");
                }
                upper = bound;
                upperInclusive = operator.equals("<=");
            }
        }
        try {
            return NumericRange.between(lower, lowerInclusive, upper, upperInclusive);
        } catch (IllegalArgumentException e) {
            throw RuleSetException.at(path, e.getMessage());
        }
    }
}
