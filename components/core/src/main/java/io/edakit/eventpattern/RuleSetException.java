package io.edakit.eventpattern;

/**
 * A rule set or pattern that cannot be used. The message always says where: the file (or other
 * source), the rule, and the path to the offending part, e.g.
 * {@code rules.yaml: rule 'physical-orders': pattern.type[1]: unknown operator 'prefx'}, because
 * the operator reading it has only the message to find the mistake with.
 */
public final class RuleSetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RuleSetException(String message) {
        super(message);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
    }

    static RuleSetException at(String where, String problem) {
        return new RuleSetException(where + ": " + problem);
    }
}
