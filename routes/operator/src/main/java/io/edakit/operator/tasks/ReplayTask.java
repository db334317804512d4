package io.edakit.operator.tasks;

import java.time.Duration;
import java.time.Instant;

import io.edakit.archive.ReplayCursor;
import org.apache.camel.util.json.JsonObject;

/**
 * One replay as a task: what it was asked and its cursor, which the task file holds durably (saved
 * after every batch: a replay killed midway resumes from it and sends at most one batch again). Its
 * lifecycle is a {@link Task}'s; its name is its id.
 */
public final class ReplayTask extends Task {

    static final String KIND = "replay";

    private final ReplayTaskSpec spec;
    private final long windowEvents;
    private ReplayCursor cursor;
    private long sentBeforeThisRun;

    ReplayTask(ReplayTaskSpec spec, Instant created, long windowEvents) {
        this(spec, Saved.fresh(created), windowEvents, ReplayCursor.START);
    }

    private ReplayTask(ReplayTaskSpec spec, Saved saved, long windowEvents, ReplayCursor cursor) {
        super(saved);
        this.spec = spec;
        this.windowEvents = windowEvents;
        this.cursor = cursor;
    }

    @Override
    public String id() {
        return spec.name();
    }

    public String name() {
        return spec.name();
    }

    @Override
    String kind() {
        return KIND;
    }

    @Override
    String describe() {
        return "replay " + name() + " of archive " + spec.archive() + " (after sequence " + cursor().sequence() + ", "
                + cursor().sent() + " sent so far)";
    }

    @Override
    String repeatedByResume() {
        return "resumed from its cursor, the events of the batch in flight at the stop may have been sent twice";
    }

    public ReplayTaskSpec spec() {
        return spec;
    }

    public synchronized ReplayCursor cursor() {
        return cursor;
    }

    @Override
    synchronized void runStarted(Instant now) {
        super.runStarted(now);
        sentBeforeThisRun = cursor.sent();
    }

    synchronized void advanced(ReplayCursor at) {
        cursor = at;
    }

    @Override
    void putRequest(JsonObject json) {
        json.put("name", spec.name());
        json.put("request", spec.toJson());
    }

    @Override
    void putProgress(JsonObject json, Instant now, Duration running) {
        Duration thisRun = thisRun(now);
        json.put("windowEvents", windowEvents);
        json.put("scanned", cursor.scanned());
        json.put("sent", cursor.sent());
        json.put("cursor", cursor.sequence());
        json.put("lastReplayed", cursor.lastReplayed() == null ? null : cursor.lastReplayed().toString());
        json.put("progressPercent", windowEvents == 0 ? 100.0
                : Math.round(1000.0 * cursor.scanned() / windowEvents) / 10.0);
        json.put("ratePerSecond", thisRun.isZero() ? null
                : Math.round((cursor.sent() - sentBeforeThisRun) * 10_000.0 / Math.max(thisRun.toMillis(), 1)) / 10.0);
    }

    static ReplayTask fromJson(JsonObject json) {
        String last = json.getString("lastReplayed");
        ReplayCursor cursor = new ReplayCursor(number(json, "cursor"), number(json, "scanned"), number(json, "sent"),
                last == null ? null : Instant.parse(last));
        return new ReplayTask(ReplayTaskSpec.fromJson(json.getString("name"), (JsonObject) json.get("request")),
                Saved.fromJson(json), number(json, "windowEvents"), cursor);
    }
}
