package io.edakit.app.tasks;

import java.time.Duration;
import java.time.Instant;

import io.edakit.app.tasks.RedriveTask.State;
import io.edakit.archive.ReplayCursor;
import org.apache.camel.util.json.JsonObject;

/**
 * One replay as a task: what it was asked, where it stands, and its cursor, which the task file
 * holds durably (saved after every batch: a replay killed midway resumes from it and sends at most
 * one batch again). States are the redrive tasks' ones. Its progress methods are called by the
 * replay's thread, the rest by HTTP threads: all synchronized.
 */
public final class ReplayTask {

    static final String KIND = "replay";

    private final ReplayTaskSpec spec;
    private final Instant created;
    private final long windowEvents;
    private State state;
    private ReplayCursor cursor;
    private Instant runStarted;
    private Duration earlierRunTime;
    private long sentBeforeThisRun;
    private Instant finished;
    private int restarts;
    private String note;
    private volatile boolean cancelRequested;
    private volatile boolean shuttingDown;

    ReplayTask(ReplayTaskSpec spec, Instant created, long windowEvents) {
        this(spec, created, windowEvents, State.RUNNING, ReplayCursor.START, Duration.ZERO, null, 0, null);
    }

    private ReplayTask(ReplayTaskSpec spec, Instant created, long windowEvents, State state, ReplayCursor cursor,
                       Duration earlierRunTime, Instant finished, int restarts, String note) {
        this.spec = spec;
        this.created = created;
        this.windowEvents = windowEvents;
        this.state = state;
        this.cursor = cursor;
        this.earlierRunTime = earlierRunTime;
        this.finished = finished;
        this.restarts = restarts;
        this.note = note;
    }

    public String name() {
        return spec.name();
    }

    public ReplayTaskSpec spec() {
        return spec;
    }

    public Instant created() {
        return created;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized ReplayCursor cursor() {
        return cursor;
    }

    synchronized void runStarted(Instant now) {
        runStarted = now;
        sentBeforeThisRun = cursor.sent();
    }

    synchronized void advanced(ReplayCursor at) {
        cursor = at;
    }

    /** After an interruption by a stop (or a kill) of the instance: the next run continues from the cursor. */
    synchronized void resumedAfterRestart(Instant now) {
        restarts++;
        state = State.RUNNING;
        note = "interrupted by a stop of the instance; resumed at " + now + " (" + restarts + " time(s)) from its "
                + "cursor: the events of the batch in flight at the stop may have been sent twice";
    }

    synchronized void finish(State end, Instant now, String why) {
        state = end;
        finished = now;
        if (why != null) {
            note = why;
        }
        closeRun(now);
    }

    synchronized void closeRun(Instant now) {
        if (runStarted != null) {
            earlierRunTime = earlierRunTime.plus(Duration.between(runStarted, now));
            runStarted = null;
        }
    }

    void cancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void shutDown() {
        shuttingDown = true;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** The replay as the API, the CLI and the task file show it. */
    public synchronized JsonObject toJson(Instant now) {
        Duration running = runStarted == null ? earlierRunTime : earlierRunTime.plus(Duration.between(runStarted, now));
        long thisRunSent = cursor.sent() - sentBeforeThisRun;
        Duration thisRun = runStarted == null ? Duration.ZERO : Duration.between(runStarted, now);
        JsonObject json = new JsonObject();
        json.put("id", spec.name());
        json.put("kind", KIND);
        json.put("name", spec.name());
        json.put("state", state.label());
        json.put("request", spec.toJson());
        json.put("created", created.toString());
        json.put("finished", finished == null ? null : finished.toString());
        json.put("windowEvents", windowEvents);
        json.put("scanned", cursor.scanned());
        json.put("sent", cursor.sent());
        json.put("cursor", cursor.sequence());
        json.put("lastReplayed", cursor.lastReplayed() == null ? null : cursor.lastReplayed().toString());
        json.put("progressPercent", windowEvents == 0 ? 100.0
                : Math.round(1000.0 * cursor.scanned() / windowEvents) / 10.0);
        json.put("runningMillis", running.toMillis());
        json.put("ratePerSecond", runStarted == null || thisRun.isZero() ? null
                : Math.round(thisRunSent * 10_000.0 / Math.max(thisRun.toMillis(), 1)) / 10.0);
        json.put("restarts", restarts);
        json.put("note", note);
        return json;
    }

    static ReplayTask fromJson(JsonObject json) {
        String finished = json.getString("finished");
        String last = json.getString("lastReplayed");
        ReplayCursor cursor = new ReplayCursor(number(json, "cursor"), number(json, "scanned"), number(json, "sent"),
                last == null ? null : Instant.parse(last));
        return new ReplayTask(ReplayTaskSpec.fromJson(json.getString("name"), (JsonObject) json.get("request")),
                Instant.parse(json.getString("created")), number(json, "windowEvents"),
                State.parse(json.getString("state")), cursor, Duration.ofMillis(number(json, "runningMillis")),
                finished == null ? null : Instant.parse(finished), (int) number(json, "restarts"), json.getString("note"));
    }

    private static long number(JsonObject json, String key) {
        Object value = json.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
