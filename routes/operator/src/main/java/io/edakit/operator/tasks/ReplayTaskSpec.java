package io.edakit.operator.tasks;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import io.edakit.archive.ReplayRequest;
import io.edakit.eventpattern.PatternParser;
import org.apache.camel.util.json.JsonObject;

/**
 * What a replay was asked to do, its window resolved to instants when it was started (so a
 * resumed replay sends the same window, not one moved on with the clock).
 *
 * @param name    the replay's name: its task id, and the value of the edakit_replay header it sends
 * @param archive the archive it reads
 * @param from    first archive time of the window (inclusive)
 * @param to      end of the window (exclusive)
 * @param filter  event pattern over the archived headers (YAML or JSON), null: every event
 * @param target  a channel name, or a Camel endpoint URI (anything with a ':')
 * @param rate    events per second at most, null: as fast as the target confirms
 * @param batch   events read per round, and the most a resumed replay sends again
 * @param inFlight sends awaiting confirmation at most (1: strict archive order at any target)
 * @param dryRun  count and show, send nothing
 */
public record ReplayTaskSpec(String name, String archive, Instant from, Instant to, String filter, String target,
                             Double rate, int batch, int inFlight, boolean dryRun) {

    public static final int DEFAULT_BATCH = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public ReplayTaskSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("replay name '" + name + "': expected letters, digits, '.', '_' or '-' "
                    + "(100 at most), starting with a letter or digit");
        }
        if (archive == null || archive.isBlank()) {
            throw new IllegalArgumentException("name the archive to replay from");
        }
        if (!dryRun && (target == null || target.isBlank())) {
            throw new IllegalArgumentException("name the replay's target: a channel, or an endpoint URI");
        }
        filter = filter == null || filter.isBlank() ? null : filter;
    }

    /** The replay for the archive side; a bad filter or window throws IllegalArgumentException. */
    public ReplayRequest request() {
        return new ReplayRequest(name, archive, from, to, filter == null ? null
                : PatternParser.parseYaml(filter, "filter"), rate, batch, inFlight);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.put("archive", archive);
        json.put("from", from.toString());
        json.put("to", to.toString());
        json.put("filter", filter);
        json.put("target", target);
        json.put("rate", rate);
        json.put("batch", batch);
        json.put("inFlight", inFlight);
        json.put("dryRun", dryRun);
        return json;
    }

    static ReplayTaskSpec fromJson(String name, JsonObject json) {
        Number rate = (Number) json.get("rate");
        Number batch = (Number) json.get("batch");
        Number inFlight = (Number) json.get("inFlight");
        return new ReplayTaskSpec(name, json.getString("archive"), Instant.parse(json.getString("from")),
                Instant.parse(json.getString("to")), json.getString("filter"), json.getString("target"),
                rate == null ? null : rate.doubleValue(), batch == null ? DEFAULT_BATCH : batch.intValue(),
                inFlight == null ? 1 : inFlight.intValue(),
                Boolean.TRUE.equals(json.getBoolean("dryRun")));
    }
}
