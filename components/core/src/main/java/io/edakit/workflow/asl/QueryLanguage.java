package io.edakit.workflow.asl;

/** The two query languages of ASL: a state uses its own {@code QueryLanguage} or the machine's. */
public enum QueryLanguage {
    JSONPATH, JSONATA;

    static QueryLanguage of(String text) {
        return switch (text) {
            case "JSONPath" -> JSONPATH;
            case "JSONata" -> JSONATA;
            default -> null;
        };
    }
}
