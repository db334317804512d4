package io.edakit.fairness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Per-tenant numbers written {@code gold=3,free=1} (commas or new lines; {@code #} starts a comment),
 * inline or in a file named {@code file:path}. A file is read again when its modification time
 * changes, at most once a second, so an operator edits weights without a restart; a file that no
 * longer parses keeps the previous values (and says why once). {@link #set} writes a change made at
 * run time into the file, where it survives a restart.
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

    /**
     * Sets one tenant's value at run time (an operator's change) and keeps it: the values' file is
     * rewritten with it (the tenant's entry replaced or a line added; comments and other entries stay)
     * and replaced in one atomic move, so a restart reads it and every other instance reading the same
     * file picks it up at its next check. Inline values have nowhere to be kept and a change that a
     * restart silently undid would mislead the operator: they refuse, naming the parameter to change.
     *
     * @throws IllegalArgumentException a value or tenant name that is not valid
     * @throws IllegalStateException    inline values
     * @throws UncheckedIOException     the file cannot be written (the values are unchanged)
     */
    public synchronized void set(String tenant, double value) {
        if (tenant == null || tenant.isBlank() || tenant.chars().anyMatch(c -> c == '=' || c == ',' || c == '#'
                || Character.isISOControl(c)) || !tenant.equals(tenant.trim())) {
            throw new IllegalArgumentException("expected a tenant name without '=', ',', '#' or line breaks, was '"
                    + tenant + "'");
        }
        if (!valid.test(value)) {
            throw new IllegalArgumentException("expected " + expectation + ", was " + tenant + "=" + value);
        }
        if (file == null) {
            throw new IllegalStateException("the values are written inline in the configuration ('" + spec
                    + "'), where a change would not survive a restart: give them as file:<path> to change them at run time");
        }
        String updated = withValue(read(file), tenant, value);
        Map<String, Double> parsed = parse(updated, valid, expectation);
        try {
            Path directory = file.toAbsolutePath().getParent();
            Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            Files.writeString(temp, updated);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        values = parsed;
        lastModified = modified(file);
    }

    /** {@code text} with {@code tenant}'s entry set to {@code value}: replaced where it is, else a line at the end. */
    static String withValue(String text, String tenant, double value) {
        String entry = tenant + "=" + (value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value));
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l];
            int hash = line.indexOf('#');
            String body = hash < 0 ? line : line.substring(0, hash);
            String comment = hash < 0 ? "" : line.substring(hash);
            String[] entries = body.split(",", -1);
            for (int e = 0; e < entries.length; e++) {
                int eq = entries[e].indexOf('=');
                if (eq > 0 && entries[e].substring(0, eq).trim().equals(tenant)) {
                    String old = entries[e]; // its spacing kept, so the file reads as the operator wrote it
                    String lead = old.substring(0, old.length() - old.stripLeading().length());
                    String trail = old.substring(old.stripTrailing().length());
                    entries[e] = replaced ? "" : lead + entry + trail; // a repeated entry would override the new value
                    replaced = true;
                }
            }
            out.append(String.join(",", entries).replaceAll(",{2,}", ",").replaceAll("^,|,$", "")).append(comment);
            if (l < lines.length - 1) {
                out.append('\n');
            }
        }
        if (!replaced) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(entry).append('\n');
        }
        return out.toString();
    }

    /** Whether the values come from a file (and so can be changed at run time). */
    public boolean isFile() {
        return file != null;
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
        for (String line : text.split("\\n")) {
            // the comment first: a comma in it is not a separator
            String body = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            parseEntries(body, valid, expectation, parsed);
        }
        return Map.copyOf(parsed);
    }

    private static void parseEntries(String body, DoublePredicate valid, String expectation, Map<String, Double> parsed) {
        for (String entry : body.split(",")) {
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
