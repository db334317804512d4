package io.edakit.operator.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.apache.camel.util.json.JsonObject;

/**
 * What every operator task (a redrive, a replay) has, whatever it moves: where it stands, when it
 * was made and ended, how long its runs took together, how often a restart resumed it, the
 * operator's cancel and the instance's stop. A task is one row of {@link TaskRunner}'s registry and
 * one file of its {@link TaskStore}; the kind's own progress (counts, a cursor) sits in the subclass.
 *
 * <p>The lifecycle methods are called by the task's thread, the reads by HTTP threads: all
 * synchronized on the task, which the subclasses' progress methods share.
 */
public abstract class Task {

    /**
     * Where a task stands. A task running when the instance stopped is resumed at its next start; one
     * that cannot be (a redrive's dry run) is interrupted, which is final.
     */
    public enum State {
        RUNNING, COMPLETED, CANCELLED, FAILED, INTERRUPTED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /** The lifecycle part of a task file: a new task's, or one read back at a start. */
    record Saved(Instant created, State state, Duration runTime, Instant finished, int restarts, String note) {

        static Saved fresh(Instant created) {
            return new Saved(created, State.RUNNING, Duration.ZERO, null, 0, null);
        }

        static Saved fromJson(JsonObject json) {
            String finished = json.getString("finished");
            return new Saved(Instant.parse(json.getString("created")), State.parse(json.getString("state")),
                    Duration.ofMillis(number(json, "runningMillis")), finished == null ? null : Instant.parse(finished),
                    (int) number(json, "restarts"), json.getString("note"));
        }
    }

    private final Instant created;
    private State state;
    private Instant runStarted;
    private Duration earlierRunTime;
    private Instant finished;
    private int restarts;
    private String note;
    private volatile boolean cancelRequested;
    private volatile boolean shuttingDown;

    protected Task(Saved saved) {
        this.created = saved.created();
        this.state = saved.state();
        this.earlierRunTime = saved.runTime();
        this.finished = saved.finished();
        this.restarts = saved.restarts();
        this.note = saved.note();
    }

    /** The task's key: its registry entry and its file's name. */
    public abstract String id();

    /** The {@code kind} its file is marked with. */
    abstract String kind();

    /** How a log line names it, e.g. "redrive task 3f… of orders.dlq". */
    abstract String describe();

    /** What a resumed task's note adds about what the stop may have repeated. */
    abstract String repeatedByResume();

    /** The kind's own fields of {@link #toJson}, between the request and the run time. */
    abstract void putProgress(JsonObject json, Instant now, Duration running);

    /** Hook: a restart resumes the task (under its lock). */
    void resumed() {
    }

    /** Hook: a run ends, finished or not (under its lock). */
    void runClosed() {
    }

    public Instant created() {
        return created;
    }

    public synchronized State state() {
        return state;
    }

    /** A run of it begins (the first, or one after a restart). */
    synchronized void runStarted(Instant now) {
        runStarted = now;
    }

    /** After an interruption by a stop (or a kill) of the instance: the next run continues from here. */
    synchronized void resumedAfterRestart(Instant now) {
        restarts++;
        state = State.RUNNING;
        resumed();
        note = "interrupted by a stop of the instance; resumed at " + now + " (" + restarts + " time(s)): "
                + repeatedByResume();
    }

    synchronized void finish(State end, Instant now, String why) {
        state = end;
        finished = now;
        if (why != null) {
            note = why;
        }
        closeRun(now);
    }

    /** Ends this run without finishing the task (it stops now and continues later). */
    synchronized void closeRun(Instant now) {
        runClosed();
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

    /** How long the current run has taken so far; zero between runs. */
    protected synchronized Duration thisRun(Instant now) {
        return runStarted == null ? Duration.ZERO : Duration.between(runStarted, now);
    }

    /** The task as the API, the CLI and the task file show it. */
    public synchronized JsonObject toJson(Instant now) {
        Duration running = earlierRunTime.plus(thisRun(now));
        JsonObject json = new JsonObject();
        json.put("id", id());
        json.put("kind", kind());
        json.put("state", state.label());
        putRequest(json);
        json.put("created", created.toString());
        json.put("finished", finished == null ? null : finished.toString());
        putProgress(json, now, running);
        json.put("runningMillis", running.toMillis());
        json.put("restarts", restarts);
        json.put("note", note);
        return json;
    }

    /** The request the task was started with (and, for a named kind, its name). */
    abstract void putRequest(JsonObject json);

    static long number(JsonObject json, String key) {
        Object value = json.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
