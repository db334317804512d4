package io.edakit.fairness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Per-tenant numbers written {@code gold=3,free=1} (commas or new lines; {@code #} starts a comment),
 * inline or in a file named {@code file:path}. A file is read again when its modification time
 * changes, at most once a second, so an operator edits weights without a restart; a file that no
 * longer parses keeps the previous values (and says why once).
 */
public final class TenantValues {

    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final String spec;
    private final Path file;
    private final DoublePredicate valid;
    private final String expectation;
    private volatile Map<String, Double> values;
    private volatile long lastModified;
    private volatile long nextCheck;
    private volatile String lastProblem;

    private TenantValues(String spec, Path file, DoublePredicate valid, String expectation, Map<String, Double> values,
                         long lastModified) {
        this.spec = spec;
        this.file = file;
        this.valid = valid;
        this.expectation = expectation;
        this.values = values;
        this.lastModified = lastModified;
        this.nextCheck = System.nanoTime() + RECHECK_NANOS;
    }

    /** Weights: more than zero. */
    public static TenantValues weights(String spec) {
        return of(spec, v -> v > 0 && Double.isFinite(v), "tenant=weight with a weight more than 0");
    }

    /** Priority levels: whole numbers, higher first. */
    public static TenantValues priorities(String spec) {
        return of(spec, v -> v == Math.rint(v) && Math.abs(v) < 1_000, "tenant=level with a whole level between -999 and 999");
    }

    /** Parses {@code spec} now: a wrong value or a missing file throws, naming what was expected. */
    static TenantValues of(String spec, DoublePredicate valid, String expectation) {
        String text = spec == null ? "" : spec.trim();
        if (text.startsWith("file:")) {
            Path path = Path.of(text.substring("file:".length()));
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("expected a readable file, " + path + " is not one");
            }
            return new TenantValues(text, path, valid, expectation, parse(read(path), valid, expectation), modified(path));
        }
        return new TenantValues(text, null, valid, expectation, parse(text, valid, expectation), 0);
    }

    /** The value for {@code tenant}, or {@code fallback} when none is written. */
    public double get(String tenant, double fallback) {
        reloadIfDue();
        Double value = values.get(tenant);
        return value == null ? fallback : value;
    }

    /** Sets one tenant's value at run time (an operator's change); a reloaded file overrides it. */
    public void set(String tenant, double value) {
        if (!valid.test(value)) {
            throw new IllegalArgumentException("expected " + expectation + ", was " + tenant + "=" + value);
        }
        Map<String, Double> next = new HashMap<>(values);
        next.put(tenant, value);
        values = Map.copyOf(next);
    }

    public Map<String, Double> asMap() {
        reloadIfDue();
        return values;
    }

    public String spec() {
        return spec;
    }

    private void reloadIfDue() {
        if (file == null || System.nanoTime() < nextCheck) {
            return;
        }
        nextCheck = System.nanoTime() + RECHECK_NANOS;
        try {
            long modified = modified(file);
            if (modified != lastModified) {
                values = parse(read(file), valid, expectation);
                lastModified = modified;
                lastProblem = null;
            }
        } catch (RuntimeException e) {
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                org.slf4j.LoggerFactory.getLogger(TenantValues.class)
                        .warn("{}: keeping the previous values: {}", file, e.getMessage());
            }
        }
    }

    static Map<String, Double> parse(String text, DoublePredicate valid, String expectation) {
        Map<String, Double> parsed = new HashMap<>();
        for (String line : text.split("[,\\n]")) {
            String entry = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected " + expectation + ", was '" + entry.trim() + "'");
            }
            String tenant = entry.substring(0, eq).trim();
            double value;
            try {
                value = Double.parseDouble(entry.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected " + expectation + ", was '" + entry.trim() + "'");
            }
            if (tenant.isEmpty() || !valid.test(value)) {
                throw new IllegalArgumentException("expected " + expectation + ", was '" + entry.trim() + "'");
            }
            parsed.put(tenant, value);
        }
        return Map.copyOf(parsed);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
