package io.edakit.operator.tasks;

import java.util.Objects;

import io.edakit.operator.dlq.DeadLetterOperations;
import io.edakit.deadletter.RedriveRequest;
import org.apache.camel.util.json.JsonObject;

/**
 * What a redrive task was asked to do, as the operator typed it (kept as text, so the task file
 * holds exactly what was asked and a resumed task parses it again).
 *
 * @param channel the dead-letter channel
 * @param to      target channel, null: each message's original one
 * @param filter  header condition (JMS selector syntax), null: all
 * @param ids     comma-separated envelope ids, null: all
 * @param max     at most this many moved, null: no limit
 * @param rate    at most this many per second, null: as fast as it goes
 * @param dryRun  count only
 */
public record RedriveTaskSpec(String channel, String to, String filter, String ids, Long max, Double rate,
                              boolean dryRun) {

    public RedriveTaskSpec {
        Objects.requireNonNull(channel, "channel");
        to = blankToNull(to);
        filter = blankToNull(filter);
        ids = blankToNull(ids);
    }

    /** The request, checked (a bad filter throws IllegalArgumentException); {@code alreadyMoved} counts against max. */
    RedriveRequest request(DeadLetterOperations operations, long alreadyMoved) {
        RedriveRequest request = operations.request(channel).withTarget(to)
                .withFilter(DeadLetterOperations.filter(filter)).withIds(DeadLetterOperations.ids(ids))
                .withDryRun(dryRun);
        request = max == null ? request : request.withMax(Math.max(0, max - alreadyMoved));
        return rate == null ? request : request.withRate(rate);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.put("channel", channel);
        json.put("to", to);
        json.put("filter", filter);
        json.put("ids", ids);
        json.put("max", max);
        json.put("rate", rate);
        json.put("dryRun", dryRun);
        return json;
    }

    static RedriveTaskSpec fromJson(JsonObject json) {
        Number max = (Number) json.get("max");
        Number rate = (Number) json.get("rate");
        return new RedriveTaskSpec(json.getString("channel"), json.getString("to"), json.getString("filter"),
                json.getString("ids"), max == null ? null : max.longValue(), rate == null ? null : rate.doubleValue(),
                Boolean.TRUE.equals(json.getBoolean("dryRun")));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
