package io.edakit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The event bus: the {@code event-bus} template with 100 rules, of which the events match one that
 * fans out to two target channels, against a plain Camel route that consumes the same kind of
 * channel and sends every event to the same two fixed targets. Both are fed by the same raw sender
 * and measured by the pace at which both targets receive every event.
 */
final class EventBusScenario {

    static final int RULES = 100;

    private EventBusScenario() {
    }

    static String describeTemplate(BenchOptions options) {
        return "template: event-bus template (concurrent-consumers=" + options.consumers() + ") with " + RULES
                + " rules, each event matching one that fans out to 2 target channels; baseline: a plain route "
                + "channel -> 2 fixed target channels; a message counts once both targets received it";
    }

    static PointToPointScenario.Setup setup(BenchOptions options) {
        return new PointToPointScenario.Setup() {
            @Override
            public PointToPointScenario.Side template(TemplateApp app, String channel) throws Exception {
                Path rules = Files.createTempFile("edakit-bench-rules", ".yaml");
                rules.toFile().deleteOnExit();
                Files.writeString(rules, rules(channel));
                app.eventBus(channel, rules, options.consumers());
                return new PointToPointScenario.Side("template", channel, app.handled(), 2);
            }

            @Override
            public Map.Entry<PointToPointScenario.Side, AutoCloseable> baseline(BenchTransport transport, TemplateApp app,
                                                                                 String channel) throws Exception {
                HandledCounter counter = new HandledCounter();
                app.plainFanOut(channel, options.consumers(), counter);
                return Map.entry(new PointToPointScenario.Side("baseline", channel, counter, 2), () -> { });
            }
        };
    }

    /**
     * 99 rules on event types the benchmark never sends (indexed, so they cost nothing per event)
     * and one that every event matches: the raw sender sets no envelope, so it matches on its absence.
     */
    private static String rules(String channel) {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (int i = 1; i < RULES; i++) {
            yaml.append("  - name: other-").append(i).append('\n')
                    .append("    pattern: { type: [other.event.").append(i).append("] }\n")
                    .append("    targets: [").append(channel).append(".unused]\n");
        }
        yaml.append("  - name: fan-out\n")
                .append("    pattern: { type: [{ exists: false }] }\n")
                .append("    targets: [").append(TemplateApp.target(channel, 1)).append(", ")
                .append(TemplateApp.target(channel, 2)).append("]\n")
                .append("unmatched: drop\n");
        return yaml.toString();
    }
}
