package io.edakit.eventpattern;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import io.edakit.config.YamlDocuments;

/**
 * Reading YAML text into plain Java structures (maps, lists, strings, numbers, booleans) and
 * checking the scalar types in them. Parsers work on these structures, not on YAML nodes, so a
 * rule set can equally come from a YAML file, a JSON EventBridge pattern pasted as-is (JSON is
 * YAML), or maps built in Java.
 */
final class YamlValues {

    private static final int DESCRIBE_LIMIT = 60;

    private YamlValues() {
    }

    /** See {@link YamlDocuments#load}; a pattern naming {@code type} twice is an error. */
    static Object load(String yaml, String source) {
        try {
            return YamlDocuments.load(yaml, source);
        } catch (IllegalArgumentException e) {
            throw new RuleSetException(e.getMessage(), e.getCause());
        }
    }

    static String string(Object raw, String path, String expected) {
        if (raw instanceof String text) {
            return text;
        }
        throw RuleSetException.at(path, "must be " + expected + ", but is " + describe(raw));
    }

    /** A YAML number as a {@link BigDecimal}; {@code .inf} and {@code .nan} are not numbers. */
    static BigDecimal number(Object raw, String path) {
        if (raw instanceof Double || raw instanceof Float) {
            double value = ((Number) raw).doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw RuleSetException.at(path, "must be a finite number, but is " + raw);
            }
            return new BigDecimal(raw.toString());
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte
                || raw instanceof BigInteger || raw instanceof BigDecimal) {
            return new BigDecimal(raw.toString());
        }
        if (raw instanceof String text) {
            throw RuleSetException.at(path, "must be a number, but is the string '" + text + "' (write it without quotes)");
        }
        throw RuleSetException.at(path, "must be a number, but is " + describe(raw));
    }

    /** For error messages: what the offending value is, shortened. */
    static String describe(Object raw) {
        if (raw == null) {
            return "empty (null)";
        }
        String kind;
        if (raw instanceof String) {
            return "the string '" + abbreviate(raw.toString()) + "'";
        } else if (raw instanceof Boolean) {
            kind = "the boolean ";
        } else if (raw instanceof Number) {
            kind = "the number ";
        } else if (raw instanceof Map) {
            kind = "a map ";
        } else if (raw instanceof List) {
            kind = "a list ";
        } else {
            kind = "a " + raw.getClass().getSimpleName() + " ";
        }
        return kind + abbreviate(raw.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= DESCRIBE_LIMIT ? text : text.substring(0, DESCRIBE_LIMIT) + "...";
    }
}
