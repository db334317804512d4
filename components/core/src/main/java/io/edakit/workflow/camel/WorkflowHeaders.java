package io.edakit.workflow.camel;

/**
 * Headers on every task call of a workflow, so that a participant can be idempotent: a call made
 * again after a crash or takeover carries the same task id (a retry carries a new one).
 */
public final class WorkflowHeaders {

    public static final String TASK_ID = "EdakitTaskId";
    public static final String EXECUTION_ID = "EdakitExecutionId";
    public static final String STATE = "EdakitWorkflowState";
    /** 1 for the first try of the state, 2 for its first retry, ... */
    public static final String ATTEMPT = "EdakitTaskAttempt";
    /**
     * Set by a task's route on its reply to fail the task with this ASL error name (the body is the
     * cause) without throwing: {@code Payment.Declined}, say, for a Catch to match.
     */
    public static final String ERROR = "EdakitTaskError";
    /**
     * A callback task's token: on its request (sent one way), and on a message to a callback channel
     * that answers it (the body is the output). Lower case with underscores, unlike the names above,
     * because it must travel over a channel (JMS property, Kafka header): Edakit* headers stay local.
     */
    public static final String TASK_TOKEN = "edakit_task_token";
    /** On a message to a callback channel: the task failed with this ASL error name; the body is the cause. */
    public static final String TASK_ERROR = "edakit_task_error";
    /** On a message to a callback channel: {@code true} makes it a heartbeat of the task rather than its answer. */
    public static final String HEARTBEAT = "edakit_task_heartbeat";

    private WorkflowHeaders() {
    }
}
