package io.edakit.app.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.edakit.deadletter.RedriveProgress;
import io.edakit.deadletter.RedriveReport;
import org.apache.camel.util.json.JsonObject;

/**
 * One redrive task: what it was asked, where it stands, and the counts of every run it took (a task
 * resumed after a restart adds its new run's counts to those of the runs before). Its progress
 * methods are called by the redrive's thread, the rest by HTTP threads: all synchronized.
 */
public final class RedriveTask implements RedriveProgress {

    /**
     * Where a task stands. A task running when the instance stopped is resumed at its next start; one
     * that cannot be (a dry run) is interrupted, which is final.
     */
    public enum State {
        RUNNING, COMPLETED, CANCELLED, FAILED, INTERRUPTED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }

        boolean finished() {
            return this != RUNNING;
        }
    }

    private static final RedriveReport NOTHING = new RedriveReport(0, 0, 0, 0, 0, 0, false);

    private final String id;
    private final RedriveTaskSpec spec;
    private final Instant created;
    private State state;
    private long waitingAtStart;
    private RedriveReport earlierRuns;
    private RedriveReport thisRun = NOTHING;
    private Instant runStarted;
    private Duration earlierRunTime;
    private Instant finished;
    private int restarts;
    private String note;
    private volatile boolean cancelRequested;
    private volatile boolean shuttingDown;

    RedriveTask(String id, RedriveTaskSpec spec, Instant created) {
        this(id, spec, created, State.RUNNING, 0, NOTHING, Duration.ZERO, null, 0, null);
    }

    private RedriveTask(String id, RedriveTaskSpec spec, Instant created, State state, long waitingAtStart,
                        RedriveReport earlierRuns, Duration earlierRunTime, Instant finished, int restarts, String note) {
        this.id = id;
        this.spec = spec;
        this.created = created;
        this.state = state;
        this.waitingAtStart = waitingAtStart;
        this.earlierRuns = earlierRuns;
        this.earlierRunTime = earlierRunTime;
        this.finished = finished;
        this.restarts = restarts;
        this.note = note;
    }

    public String id() {
        return id;
    }

    public Instant created() {
        return created;
    }

    public RedriveTaskSpec spec() {
        return spec;
    }

    public synchronized State state() {
        return state;
    }

    /** All runs' moved count so far. */
    public synchronized long moved() {
        return earlierRuns.moved() + thisRun.moved();
    }

    synchronized void runStarted(Instant now, long waiting) {
        runStarted = now;
        waitingAtStart = earlierRuns.offered() + waiting; // earlier runs' offered: what they moved, see below
        thisRun = NOTHING;
    }

    /** After an interruption by a stop of the instance: the next run continues from here. */
    synchronized void resumedAfterRestart(Instant now) {
        // what earlier runs kept waits still and is judged again: only what they moved stays counted
        earlierRuns = new RedriveReport(earlierRuns.moved(), earlierRuns.moved(), 0, 0, 0, 0, false);
        restarts++;
        state = State.RUNNING;
        note = "interrupted by a stop of the instance; resumed at " + now + " (" + restarts + " time(s)): a message "
                + "sent back but not yet removed when it stopped may have been sent twice";
    }


    synchronized void finish(State end, Instant now, String why) {
        state = end;
        finished = now;
        if (why != null) {
            note = why;
        }
        closeRun(now);
    }

    /** Keeps this run's counts as an earlier run's, for a task that stops now and continues later. */
    synchronized void closeRun(Instant now) {
        earlierRuns = add(earlierRuns, thisRun);
        thisRun = NOTHING;
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

    /** The instance stops: end the run without finishing the task, so the next start resumes it. */
    void shutDown() {
        shuttingDown = true;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    @Override
    public synchronized void judged(RedriveReport soFar) {
        thisRun = soFar;
    }

    @Override
    public boolean cancelled() {
        return cancelRequested || shuttingDown;
    }

    /** The task as the API, the CLI and the task file show it. */
    public synchronized JsonObject toJson(Instant now) {
        RedriveReport all = add(earlierRuns, thisRun);
        Duration running = runStarted == null ? earlierRunTime : earlierRunTime.plus(Duration.between(runStarted, now));
        double seconds = Math.max(running.toMillis(), 1) / 1000.0;
        JsonObject json = new JsonObject();
        json.put("id", id);
        json.put("kind", "redrive");
        json.put("state", state.label());
        json.put("request", spec.toJson());
        json.put("created", created.toString());
        json.put("finished", finished == null ? null : finished.toString());
        json.put("waitingAtStart", waitingAtStart);
        json.put("offered", all.offered());
        json.put("moved", all.moved());
        JsonObject kept = new JsonObject();
        kept.put("notSelected", all.notSelected());
        kept.put("atRedriveLimit", all.atRedriveLimit());
        kept.put("withoutTarget", all.withoutTarget());
        kept.put("notReached", all.notReached());
        json.put("kept", kept);
        json.put("runningMillis", running.toMillis());
        json.put("ratePerSecond", Math.round(all.moved() / seconds * 10) / 10.0);
        long left = Math.max(0, waitingAtStart - all.offered());
        double offeredPerSecond = all.offered() / seconds;
        json.put("remaining", left);
        json.put("etaSeconds", state == State.RUNNING && offeredPerSecond > 0 ? Math.round(left / offeredPerSecond) : null);
        json.put("restarts", restarts);
        json.put("note", note);
        return json;
    }

    static RedriveTask fromJson(JsonObject json) {
        JsonObject kept = (JsonObject) json.get("kept");
        RedriveReport counts = new RedriveReport(number(json, "offered"), number(json, "moved"),
                number(kept, "notSelected"), number(kept, "atRedriveLimit"), number(kept, "withoutTarget"),
                number(kept, "notReached"), false);
        String finished = json.getString("finished");
        return new RedriveTask(json.getString("id"), RedriveTaskSpec.fromJson((JsonObject) json.get("request")),
                Instant.parse(json.getString("created")), State.parse(json.getString("state")),
                number(json, "waitingAtStart"), counts, Duration.ofMillis(number(json, "runningMillis")),
                finished == null ? null : Instant.parse(finished), (int) number(json, "restarts"), json.getString("note"));
    }

    private static long number(JsonObject json, String key) {
        Object value = json.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static RedriveReport add(RedriveReport a, RedriveReport b) {
        return new RedriveReport(a.offered() + b.offered(), a.moved() + b.moved(), a.notSelected() + b.notSelected(),
                a.atRedriveLimit() + b.atRedriveLimit(), a.withoutTarget() + b.withoutTarget(),
                a.notReached() + b.notReached(), a.dryRun() || b.dryRun());
    }
}
