package io.edakit.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;

import io.edakit.workflow.asl.StateMachine;

/**
 * One path through one scope of the machine: the top level, a Parallel branch or a Map iteration.
 * It is at one state at a time, in one phase; what it waits for is named by id so that events find
 * it. Mutable, owned by its {@link Execution}.
 */
final class Run {

    final String id;
    final StateMachine scope;
    final Run parent;
    /** Index of this branch or iteration in the parent's fan-out. */
    final int index;
    final Variables variables;

    String state;
    /** The state's raw input (before InputPath / Arguments). */
    JsonNode input;
    /** A Map's effective input (its ItemSelector's $), a Wait's. */
    JsonNode effective;
    java.time.Instant enteredAt;
    boolean entered;
    /** Retries so far per retrier of the current state; reset when the state is left. */
    int[] retries;
    int totalRetries;

    String pendingTask;
    String taskTimer;
    /** A Wait or a retry backoff. */
    String pendingTimer;
    boolean retryPending;
    Fanout fanout;
    /** What woke the run: handled first when it advances. */
    Object resume;
    boolean finished;

    Run(String id, StateMachine scope, Run parent, int index, Variables variables, String state, JsonNode input) {
        this.id = id;
        this.scope = scope;
        this.parent = parent;
        this.index = index;
        this.variables = variables;
        this.state = state;
        this.input = input;
    }

    /** Resume markers. */
    record TaskAnswer(JsonNode output, String error, String cause) {
    }

    record Failure(String error, String cause) {
    }

    record FanoutDone(JsonNode results) {
    }

    enum Wake { WAIT_OVER, RETRY_DUE }
}
