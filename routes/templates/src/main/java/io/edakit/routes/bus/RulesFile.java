package io.edakit.routes.bus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.edakit.eventpattern.Rule;
import io.edakit.eventpattern.RuleMatcher;
import io.edakit.eventpattern.RuleSet;
import io.edakit.eventpattern.UnmatchedPolicy;
import io.edakit.routes.support.EndpointSchemes;
import org.apache.camel.CamelContext;
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
    private final CamelContext camel;
    private final AtomicReference<RuleMatcher> current = new AtomicReference<>();
    private volatile FileTime loadedVersion;

    /** Loads the file now: a missing or broken file at start-up stops the template with its error. */
    RulesFile(Path file, CamelContext camel) {
        this.file = file;
        this.camel = camel;
        load();
    }

    /**
     * What loading {@code file} at start-up would fail with, or empty when it loads: the same
     * reading, parsing and compiling, with a context that resolves the targets' components.
     */
    static Optional<String> problem(Path file, CamelContext camel) {
        try {
            new RulesFile(file, camel);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
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
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": event bus rules file not found (in "
                    + file.toAbsolutePath().normalize().getParent() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": event bus rules file cannot be read: " + e, e);
        }
    }

    private RuleMatcher compile() {
        RuleSet rules = RuleSet.load(file);
        checkTargets(rules);
        RuleMatcher matcher = RuleMatcher.compile(rules);
        if (!matcher.unindexedRules().isEmpty()) {
            LOG.info("Event bus rules evaluated for every event (no exact or prefix condition to index): {}",
                    matcher.unindexedRules().stream().map(rule -> rule.name()).toList());
        }
        return matcher;
    }

    /**
     * A target whose component Camel does not have would fail every delivery to it at run time, so
     * the file is refused instead, at start-up and on reload alike.
     */
    private void checkTargets(RuleSet rules) {
        for (Rule rule : rules.rules()) {
            for (String target : rule.targets()) {
                EndpointSchemes.require(camel, Target.parse(target).uri(),
                        file + ": rule '" + rule.name() + "': target '" + target + "'");
            }
        }
        if (rules.unmatched() instanceof UnmatchedPolicy.SendTo sendTo) {
            EndpointSchemes.require(camel, Target.parse(sendTo.target()).uri(), file + ": unmatched target");
        }
    }

}
