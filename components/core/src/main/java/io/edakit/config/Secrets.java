package io.edakit.config;

import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.camel.util.URISupport;

/** Decides which keys hold secrets, so their values never reach a log line or a report. */
public final class Secrets {

    public static final String MASK = "******";

    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(password|passwd|secret|token|credential|apikey|api-key|api_key|sasl\\.jaas\\.config|private|keystore\\.key).*");

    private static final String SECRET_WORD = "(?:password|passwd|pwd|secret|token|credential)";
    /** {@code ;password=...} in connection strings (H2, SQL Server) and JAAS lines, which URI sanitizing misses. */
    private static final Pattern SEMICOLON_SECRET = Pattern.compile("(;\\s*[^=;]*" + SECRET_WORD + "[^=;]*=)[^;]*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED_SECRET = Pattern.compile("(" + SECRET_WORD + "\\s*=\\s*\")[^\"]*(\")",
            Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    /** Where a secret is kept, not the secret: shown, so an operator can find the file. */
    private static final Pattern LOCATION_KEY = Pattern.compile(".*([.-]file|[.-]path|\\.location)");

    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY.matcher(lower).matches() && !LOCATION_KEY.matcher(lower).matches();
    }

    /**
     * {@code value} as it may be shown: masked whole under a secret key, otherwise with the
     * passwords it carries masked (endpoint URIs {@code ?password=}, {@code user:pass@host},
     * connection strings {@code ;password=}, {@code password="..."}).
     */
    public static String display(String key, String value) {
        return isSecretKey(key) ? MASK : maskInline(value);
    }

    /** {@code value} with the passwords inside it masked. */
    public static String maskInline(String value) {
        if (value == null) {
            return null;
        }
        String masked = URISupport.sanitizeUri(value);
        masked = SEMICOLON_SECRET.matcher(masked).replaceAll("$1" + MASK);
        return QUOTED_SECRET.matcher(masked).replaceAll("$1" + MASK + "$2");
    }
}
