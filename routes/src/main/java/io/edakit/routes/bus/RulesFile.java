package io.edakit.routes.bus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicReference;

import io.edakit.routing.RuleMatcher;
import io.edakit.routing.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus's rules, from a YAML file, reloaded when the file changes. A reload swaps the whole
 * compiled rule set at once, so an event is routed entirely by the old rules or entirely by the
 * new ones; a file that does not parse is rejected with its error and the old rules stay.
 */
final class RulesFile {

    private static final Logger LOG = LoggerFactory.getLogger(RulesFile.class);

    private final Path file;
    private final AtomicReference<RuleMatcher> current = new AtomicReference<>();
    private volatile FileTime loadedVersion;

    /** Loads the file now: a missing or broken file at start-up stops the template with its error. */
    RulesFile(Path file) {
        this.file = file;
        load();
    }

    RuleMatcher matcher() {
        return current.get();
    }

    /** Reloads if the file changed since it was last read; keeps the old rules on any error. */
    void reloadIfChanged() {
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (version.equals(loadedVersion)) {
                return;
            }
            loadedVersion = version; // a broken version is reported once, not at every check
            current.set(compile());
            LOG.info("Event bus rules reloaded from {}: {} rule(s)", file, current.get().ruleSet().rules().size());
        } catch (IOException | RuntimeException e) {
            LOG.error("Event bus rules in {} not reloaded, the previous rules stay in force: {}", file, e.getMessage());
        }
    }

    private void load() {
        try {
            loadedVersion = Files.getLastModifiedTime(file);
            current.set(compile());
        } catch (IOException e) {
            throw new IllegalArgumentException("event bus rules file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private RuleMatcher compile() {
        RuleMatcher matcher = RuleMatcher.compile(RuleSet.load(file));
        if (!matcher.unindexedRules().isEmpty()) {
            LOG.info("Event bus rules evaluated for every event (no exact or prefix condition to index): {}",
                    matcher.unindexedRules().stream().map(rule -> rule.name()).toList());
        }
        return matcher;
    }

}
