package io.edakit.config;

import org.apache.camel.util.StringHelper;

/** Key spelling conversions shared by the validator and the settings lookup. */
public final class Names {

    private Names() {
    }

    /** {@code max-in-flight} becomes {@code maxInFlight}, as Camel spells keys; a key without dashes stays as it is. */
    public static String camelCase(String dashed) {
        return StringHelper.dashToCamelCase(dashed);
    }

    /** {@code maxInFlight} becomes {@code max-in-flight}; already dashed keys stay as they are. */
    public static String dashed(String camel) {
        return StringHelper.camelCaseToDash(camel);
    }

    /** Edit distance, for "did you mean" suggestions. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
