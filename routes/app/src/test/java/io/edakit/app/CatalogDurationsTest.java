package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.edakit.app.cli.EdakitCli;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every time in the catalog is a duration ({@code 500ms}, {@code 30s}, {@code 2h}, {@code 7d}),
 * as {@code catalog --format json} tells tools: found by name (a word such as delay, timeout,
 * interval, window, lease) and by an explicit list, so that neither a new time parameter nor a
 * renamed one slips back to milliseconds.
 */
class CatalogDurationsTest {

    /** Words of a parameter name that make it a time. */
    private static final Set<String> TIME_WORDS = Set.of("delay", "timeout", "interval", "window", "period", "ttl",
            "age", "lease", "duration", "wait");

    /** The times known today, by template (or "settings"). */
    private static final Map<String, List<String>> KNOWN = Map.of(
            "request-reply", List.of("timeout"),
            "point-to-point", List.of("redelivery-delay", "max-redelivery-delay", "window"),
            "idempotent-consumer", List.of("redelivery-delay", "max-redelivery-delay", "window"),
            "sender-router", List.of("redelivery-delay", "max-redelivery-delay"),
            "event-bus", List.of("reload-interval", "redelivery-delay", "max-redelivery-delay", "window"),
            "saga", List.of("timeout", "step-timeout", "step-retry-delay", "compensation-initial-delay",
                    "compensation-max-delay"),
            "settings", List.of("edakit.saga.lease"));

    private record Entry(String owner, String name, String type) {
    }

    @Test
    void everyTimeParameterAndSettingIsADuration() throws Exception {
        List<Entry> entries = catalog();

        List<Entry> timesByName = entries.stream().filter(entry -> Arrays.stream(entry.name().split("[.-]"))
                .anyMatch(TIME_WORDS::contains)).toList();
        assertThat(timesByName).as("time parameters found by name").hasSizeGreaterThanOrEqualTo(
                        KNOWN.values().stream().mapToInt(List::size).sum())
                .allSatisfy(entry -> assertThat(entry.type()).as(entry.owner() + " " + entry.name()).isEqualTo("duration"));

        KNOWN.forEach((owner, names) -> names.forEach(name -> assertThat(entries)
                .as("%s has the time parameter %s", owner, name)
                .contains(new Entry(owner, name, "duration"))));

        // the backoff multiplier is a factor, not a time
        assertThat(entries).contains(new Entry("point-to-point", "backoff-multiplier", "number"));
    }

    /** Every parameter of {@code catalog --format json}: each template's, and the settings. */
    private static List<Entry> catalog() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = EdakitCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("catalog", "--format", "json")).isZero();
        JsonObject root = (JsonObject) Jsoner.deserialize(out.toString());
        List<Entry> entries = new ArrayList<>();
        for (Object template : (JsonArray) root.get("templates")) {
            JsonObject entry = (JsonObject) template;
            entries.addAll(parameters(entry.getString("id"), (JsonArray) entry.get("parameters")));
        }
        entries.addAll(parameters("settings", (JsonArray) root.get("settings")));
        Set<String> owners = new TreeSet<>();
        entries.forEach(entry -> owners.add(entry.owner()));
        assertThat(owners).containsAll(KNOWN.keySet());
        return entries;
    }

    private static List<Entry> parameters(String owner, JsonArray parameters) {
        return parameters.stream().map(JsonObject.class::cast)
                .map(parameter -> new Entry(owner, parameter.getString("name"), parameter.getString("type"))).toList();
    }
}
