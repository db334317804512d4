package io.edakit.operator.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.workflow.durable.WorkflowEvent;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowStatus;
import io.edakit.workflow.durable.WorkflowStore;

/**
 * What an operator does with workflow executions, shared by the CLI and the HTTP API. Requests
 * change the store only: a start is recorded unowned with a lapsed lease, so whichever running
 * instance has the workflow's template claims it within its scan interval and runs it; a stop
 * aborts the execution at once and the instance running it drops it at its next write or renewal.
 */
public final class WorkflowOperations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkflowStore store;
    private final Clock clock;

    public WorkflowOperations(WorkflowStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<WorkflowRecord> list(Optional<WorkflowStatus> status, int limit) {
        return store.list(status, limit);
    }

    public Optional<WorkflowRecord> show(String id) {
        return store.find(id);
    }

    /** One page of an execution's history, after position {@code after}. */
    public List<WorkflowEvent> history(String id, long after, int limit) {
        existing(id);
        return store.history(id, after, limit);
    }

    /**
     * Records a new execution of {@code workflow} for a running instance to claim; refuses an id
     * that exists and input that is not JSON.
     */
    public WorkflowRecord start(String workflow, String id, String input) {
        try {
            JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the input is not JSON: " + e.getOriginalMessage());
        }
        Instant now = clock.instant();
        if (!store.start(WorkflowRecord.starting(id, workflow, input, now, null), Instant.EPOCH)) {
            throw new IllegalArgumentException("execution " + id + " exists already ("
                    + existing(id).status().label() + ")");
        }
        return existing(id);
    }

    /** Aborts a running or parked execution; explains why not otherwise. */
    public WorkflowRecord stop(String id, String cause) {
        WorkflowRecord execution = existing(id);
        if (!store.requestStop(id, "States.Aborted", cause, clock.instant())) {
            throw new IllegalArgumentException("execution " + id + " is " + execution.status().label()
                    + ": only a running or parked execution can be stopped");
        }
        return existing(id);
    }

    /**
     * Redrives an ended execution that did not succeed: it runs again from the states that failed (or
     * were stopped), keeping the results of those that succeeded, including Parallel branches and Map
     * iterations. Refuses a running or succeeded one, saying why.
     */
    public WorkflowRecord redrive(String id) {
        WorkflowRecord execution = existing(id);
        if (!store.requestRedrive(id, clock.instant())) {
            WorkflowStatus now = existing(id).status();
            throw new IllegalArgumentException("execution " + id + " is " + now.label() + ": "
                    + (now == WorkflowStatus.SUCCEEDED ? "a succeeded execution has nothing to redrive"
                    : "only a failed, timed-out or aborted execution can be redriven") + " (was " + execution.status().label() + ")");
        }
        return existing(id);
    }

    /**
     * Resumes a parked execution in place once the cause of its faults is fixed: its fault count starts
     * over and an instance running its workflow claims it and goes on from where it was. Refuses one that
     * is not parked, saying why.
     */
    public WorkflowRecord resume(String id) {
        existing(id);
        if (!store.requestResume(id, clock.instant())) {
            throw new IllegalArgumentException("execution " + id + " is " + existing(id).status().label()
                    + ": only a parked execution can be resumed");
        }
        return existing(id);
    }

    /** Answers to callback tasks through the store: the instance running the execution applies them. */
    public io.edakit.workflow.durable.TaskCallbacks callbacks() {
        return new io.edakit.workflow.durable.TaskCallbacks(store, clock);
    }

    private WorkflowRecord existing(String id) {
        return store.find(id).orElseThrow(() -> new UnknownExecutionException(id));
    }

    /** No execution has this id. */
    public static final class UnknownExecutionException extends IllegalArgumentException {
        public UnknownExecutionException(String id) {
            super("no workflow execution with id " + id);
        }
    }
}
