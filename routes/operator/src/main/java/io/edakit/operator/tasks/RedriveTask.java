package io.edakit.operator.tasks;

import java.time.Duration;
import java.time.Instant;

import io.edakit.deadletter.RedriveProgress;
import io.edakit.deadletter.RedriveReport;
import org.apache.camel.util.json.JsonObject;

/**
 * One redrive task: what it was asked and the counts of every run it took (a task resumed after a
 * restart adds its new run's counts to those of the runs before); its lifecycle is a {@link Task}'s.
 */
public final class RedriveTask extends Task implements RedriveProgress {

    static final String KIND = TaskStore.REDRIVE;
    private static final RedriveReport NOTHING = new RedriveReport(0, 0, 0, 0, 0, 0, false);

    private final String id;
    private final RedriveTaskSpec spec;
    private long waitingAtStart;
    private RedriveReport earlierRuns;
    private RedriveReport thisRun = NOTHING;

    RedriveTask(String id, RedriveTaskSpec spec, Instant created) {
        this(id, spec, Saved.fresh(created), 0, NOTHING);
    }

    private RedriveTask(String id, RedriveTaskSpec spec, Saved saved, long waitingAtStart, RedriveReport earlierRuns) {
        super(saved);
        this.id = id;
        this.spec = spec;
        this.waitingAtStart = waitingAtStart;
        this.earlierRuns = earlierRuns;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    String kind() {
        return KIND;
    }

    @Override
    String describe() {
        return "redrive task " + id + " of " + spec.channel() + " (" + moved() + " moved so far)";
    }

    @Override
    String repeatedByResume() {
        return "a message sent back but not yet removed when it stopped may have been sent twice";
    }

    public RedriveTaskSpec spec() {
        return spec;
    }

    /** All runs' moved count so far. */
    public synchronized long moved() {
        return earlierRuns.moved() + thisRun.moved();
    }

    synchronized void runStarted(Instant now, long waiting) {
        runStarted(now);
        waitingAtStart = earlierRuns.offered() + waiting; // earlier runs' offered: what they moved, see below
        thisRun = NOTHING;
    }

    @Override
    void resumed() {
        // what earlier runs kept waits still and is judged again: only what they moved stays counted
        earlierRuns = new RedriveReport(earlierRuns.moved(), earlierRuns.moved(), 0, 0, 0, 0, false);
    }

    /** Keeps this run's counts as an earlier run's. */
    @Override
    void runClosed() {
        earlierRuns = add(earlierRuns, thisRun);
        thisRun = NOTHING;
    }

    @Override
    public synchronized void judged(RedriveReport soFar) {
        thisRun = soFar;
    }

    @Override
    public boolean cancelled() {
        return cancelRequested() || shuttingDown();
    }

    @Override
    void putRequest(JsonObject json) {
        json.put("request", spec.toJson());
    }

    @Override
    void putProgress(JsonObject json, Instant now, Duration running) {
        RedriveReport all = add(earlierRuns, thisRun);
        double seconds = Math.max(running.toMillis(), 1) / 1000.0;
        json.put("waitingAtStart", waitingAtStart);
        json.put("offered", all.offered());
        json.put("moved", all.moved());
        JsonObject kept = new JsonObject();
        kept.put("notSelected", all.notSelected());
        kept.put("atRedriveLimit", all.atRedriveLimit());
        kept.put("withoutTarget", all.withoutTarget());
        kept.put("notReached", all.notReached());
        json.put("kept", kept);
        json.put("ratePerSecond", Math.round(all.moved() / seconds * 10) / 10.0);
        long left = Math.max(0, waitingAtStart - all.offered());
        double offeredPerSecond = all.offered() / seconds;
        json.put("remaining", left);
        json.put("etaSeconds", state() == State.RUNNING && offeredPerSecond > 0 ? Math.round(left / offeredPerSecond) : null);
    }

    static RedriveTask fromJson(JsonObject json) {
        JsonObject kept = (JsonObject) json.get("kept");
        RedriveReport counts = new RedriveReport(number(json, "offered"), number(json, "moved"),
                number(kept, "notSelected"), number(kept, "atRedriveLimit"), number(kept, "withoutTarget"),
                number(kept, "notReached"), false);
        return new RedriveTask(json.getString("id"), RedriveTaskSpec.fromJson((JsonObject) json.get("request")),
                Saved.fromJson(json), number(json, "waitingAtStart"), counts);
    }

    private static RedriveReport add(RedriveReport a, RedriveReport b) {
        return new RedriveReport(a.offered() + b.offered(), a.moved() + b.moved(), a.notSelected() + b.notSelected(),
                a.atRedriveLimit() + b.atRedriveLimit(), a.withoutTarget() + b.withoutTarget(),
                a.notReached() + b.notReached(), a.dryRun() || b.dryRun());
    }
}
