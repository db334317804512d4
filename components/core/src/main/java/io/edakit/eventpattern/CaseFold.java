package io.edakit.eventpattern;

/**
 * Case folding for the {@code equals-ignore-case} operator and its prefix/suffix forms.
 *
 * <p>Both the evaluation of a condition and the matcher's index compare <em>folded</em> strings,
 * so they can never disagree about what "ignoring case" means. Folding maps each code point to
 * {@code toLowerCase(toUpperCase(cp))}: two code points fold alike exactly when
 * {@link String#equalsIgnoreCase} considers them equal, and folding one code point at a time keeps
 * "p is a prefix of v" true after folding.
 */
final class CaseFold {

    private CaseFold() {
    }

    static String fold(String text) {
        if (isFolded(text)) {
            return text; // the common case (lower-case ASCII) allocates nothing
        }
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return folded.toString();
    }

    private static boolean isFolded(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
