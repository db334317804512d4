package io.edakit.workflow.durable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runner does when running an execution throws: a bug, a poisoned definition or history
 * (text in the store that is not JSON, say), output the store refuses. Not a task's failure, which
 * the definition handles with Retry and Catch: a fault would come back on every attempt.
 *
 * <p>The fault is counted in the store ({@link WorkflowStore#fault}) with the exception in the
 * history; the execution is let go and taken over again (by any instance) once {@code retryAfter}
 * passed, replayed, and tried once more. After {@code parkAfter} faults in a row it is parked:
 * status {@code parked}, the last fault as its error and cause, claimed by no instance until an
 * operator stops it or, the cause fixed, resumes it ({@link WorkflowStore#requestResume}). Progress
 * (any committed step) clears the count, so rare transient faults never add up. Without this a poisoned execution was taken over after every lease, forever, adding a
 * takeover to its history each time.
 *
 * <p>A fault that cannot be recorded (the database is down) counts nothing: the lease lapses and the
 * execution resumes as after a crash.
 */
final class FaultPolicy {

    /** Faults in a row after which an execution is parked, unless configured. */
    static final int DEFAULT_PARK_AFTER = 5;

    private static final Logger LOG = LoggerFactory.getLogger(FaultPolicy.class);

    private final WorkflowStore store;
    private final int parkAfter;
    private final Duration retryAfter;
    private final Clock clock;

    FaultPolicy(WorkflowStore store, int parkAfter, Duration retryAfter, Clock clock) {
        if (parkAfter < 1) {
            throw new IllegalArgumentException("an execution is parked after at least 1 fault, not " + parkAfter);
        }
        this.store = store;
        this.parkAfter = parkAfter;
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    /**
     * Records that running execution {@code id} under claim {@code token} threw {@code fault}; the
     * caller has stopped running it here. True when the execution is parked now.
     */
    boolean record(String id, String token, Throwable fault) {
        Instant now = clock.instant();
        int faults;
        try {
            faults = store.fault(id, token, now, fault.getClass().getName(), describe(fault), parkAfter,
                    now.plus(retryAfter));
        } catch (RuntimeException unrecorded) {
            LOG.error("workflow execution {}: stopped working on it after {}; it resumes once its lease lapses "
                    + "(the fault could not be recorded: {})", id, fault, unrecorded.getMessage(), fault);
            return false;
        }
        if (faults < 0) {
            LOG.warn("workflow execution {}: {} after it was no longer this instance's", id, fault.toString());
            return false;
        }
        if (faults >= parkAfter) {
            LOG.error("workflow execution {}: PARKED after {} faults in a row; no instance runs it until an operator "
                    + "acts (`workflow show {}`, then `workflow resume {}` once the cause is fixed, or `workflow stop {}`). "
                    + "Last fault: {}", id, faults, id, id, id, fault, fault);
            return true;
        }
        LOG.error("workflow execution {}: fault {} of {} in a row, it is taken over again in {}: {}", id, faults,
                parkAfter, retryAfter, fault, fault);
        return false;
    }

    /** The exception and its causes, for an operator reading {@code workflow show}. */
    static String describe(Throwable fault) {
        StringBuilder text = new StringBuilder(String.valueOf(fault));
        StackTraceElement[] frames = fault.getStackTrace();
        if (frames.length > 0) {
            text.append(" at ").append(frames[0]);
        }
        Throwable cause = fault.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
