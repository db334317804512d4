package io.edakit.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Decides which keys hold secrets, so their values never reach a log line or a report. */
public final class Secrets {

    public static final String MASK = "******";

    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(password|passwd|secret|token|credential|apikey|api-key|api_key|sasl\\.jaas\\.config|private|keystore\\.key).*");

    private Secrets() {
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    public static String display(String key, String value) {
        return isSecretKey(key) ? MASK : value;
    }
}
