package io.edakit.workflow.engine;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happened inside a step, for people (the CLI's trace, an execution's history). Not needed to
 * rebuild an execution: replaying the events does that.
 *
 * @see Step
 */
public sealed interface HistoryEntry {

    /** The path of the state's run: "" for the top level, e.g. "/Fanout[1]" for branch 1, "/Each[42]" for item 42. */
    String run();

    String state();

    record StateEntered(String run, String state, JsonNode input, Instant at) implements HistoryEntry {
    }

    record StateExited(String run, String state, JsonNode output, Instant at) implements HistoryEntry {
    }

    /** The state failed and no retrier or catcher of its own handled it, or a catcher did (caughtBy). */
    record StateFailed(String run, String state, String error, String cause, String caughtBy, Instant at)
            implements HistoryEntry {
    }

    /**
     * The run was stopped in this state, its call forgotten and its timers cancelled, because the
     * Parallel or Map around it failed (a sibling failed, an ItemSelector could not be evaluated)
     * or the execution timed out: Step Functions' ...StateAborted and MapIterationAborted.
     */
    record StateAborted(String run, String state, String reason, Instant at) implements HistoryEntry {
    }

    /** The state failed and will run again after {@code delayMillis}. */
    record StateRetrying(String run, String state, String error, int retry, long delayMillis, Instant at)
            implements HistoryEntry {
    }
}
