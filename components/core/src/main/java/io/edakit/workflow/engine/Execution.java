package io.edakit.workflow.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The explicit state of one execution: its runs (top level, branches, iterations), what each waits
 * for, the calls and timers outstanding, and how it ended. Changed only by {@link Interpreter}; a
 * driver reads it to resume after a restart ({@link #pendingTasks()}, {@link #pendingTimers()}).
 *
 * <p>Everything in it follows from the start parameters and the events applied since, so a durable
 * store needs only those: rebuilding means {@code Interpreter.start} with the same parameters and
 * {@code handle} for each recorded event with its recorded time. Randomness (retry jitter,
 * States.UUID, States.MathRandom) comes from a sequence seeded by the execution id for that reason.
 */
public final class Execution {

    final String id;
    final String name;
    final JsonNode input;
    final Instant startTime;
    final SplittableRandom random;
    /** Keys this execution's task tokens ({@link TaskTokens}); kept by the driver, never in the history. */
    final byte[] secret;
    long sequence;
    Instant now;
    Run root;
    final Map<String, Run> taskOwners = new HashMap<>();
    final Map<String, Command.InvokeTask> openCalls = new LinkedHashMap<>();
    final Map<String, Run> timerOwners = new HashMap<>();
    final Map<String, Command.StartTimer> openTimers = new LinkedHashMap<>();
    String executionTimer;
    Outcome outcome;

    private Execution(String id, JsonNode input, Instant startTime, byte[] secret) {
        this.id = id;
        this.secret = secret.clone();
        this.name = id.contains(":") ? id.substring(id.lastIndexOf(':') + 1) : id;
        this.input = input;
        this.startTime = startTime;
        this.now = startTime;
        this.random = new SplittableRandom(id.hashCode() * 0x9E3779B97F4A7C15L);
    }

    /** A new execution, not yet started: pass it to {@link Interpreter#start}. */
    public static Execution create(String id, JsonNode input, Instant startTime) {
        return new Execution(id, input, startTime, new byte[0]);
    }

    /**
     * A new execution whose callback tasks get tokens keyed by {@code secret}: random and kept with the
     * execution by a durable driver, so that a rebuilt execution hands out the same tokens and nobody
     * without the secret can make one up.
     */
    public static Execution create(String id, JsonNode input, Instant startTime, byte[] secret) {
        return new Execution(id, input, startTime, secret);
    }

    public String id() {
        return id;
    }

    public JsonNode input() {
        return input;
    }

    public Instant startTime() {
        return startTime;
    }

    /** How it ended, or null while it runs. */
    public Outcome outcome() {
        return outcome;
    }

    public boolean finished() {
        return outcome != null;
    }

    /** The calls made and not yet answered, oldest first: what a driver re-sends after a restart. */
    public List<Command.InvokeTask> pendingTasks() {
        return Collections.unmodifiableList(new ArrayList<>(openCalls.values()));
    }

    /** Whether the call {@code taskId} was made and is still waited for (not answered, timed out or cancelled). */
    public boolean waitsFor(String taskId) {
        return openCalls.containsKey(taskId);
    }

    /** Whether the timer {@code timerId} was started and has not fired or been cancelled. */
    public boolean timerOpen(String timerId) {
        return openTimers.containsKey(timerId);
    }

    /** The timers started and not yet fired or cancelled: what a driver re-arms after a restart. */
    public List<Command.StartTimer> pendingTimers() {
        return Collections.unmodifiableList(new ArrayList<>(openTimers.values()));
    }

    String nextId(String kind) {
        return id + "/" + kind + "-" + (++sequence);
    }
}
