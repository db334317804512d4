package io.edakit.workflow.camel;

/**
 * Headers on every task call of a workflow, so that a participant can be idempotent: a call made
 * again after a crash or takeover carries the same task id (a retry carries a new one).
 *
 * <p>All are lower case with underscores because they must travel: a {@code channel:x} task's request
 * and reply go over the broker (JMS properties, Kafka headers), and the channel keeps {@code Edakit*}
 * and {@code Camel*} headers inside the instance ({@link io.edakit.channel.ChannelHeaders#isLocal}).
 * They were {@code EdakitTaskId} and so on before, which reached {@code direct:} tasks only.
 */
public final class WorkflowHeaders {

    public static final String TASK_ID = "edakit_task_id";
    public static final String EXECUTION_ID = "edakit_execution_id";
    public static final String STATE = "edakit_workflow_state";
    /** 1 for the first try of the state, 2 for its first retry, ... */
    public static final String ATTEMPT = "edakit_task_attempt";
    /** A callback task's token: on its request (sent one way), and on a message to a callback channel that answers it. */
    public static final String TASK_TOKEN = "edakit_task_token";
    /**
     * The task failed with this ASL error name ({@code Payment.Declined}, say, for a Catch to match) and
     * the body is the cause: set by a task's route on its reply (no need to throw), or on a message to a
     * callback channel.
     */
    public static final String TASK_ERROR = "edakit_task_error";
    /** The same header as {@link #TASK_ERROR}, under the name task routes used for a reply's error. */
    public static final String ERROR = TASK_ERROR;
    /** On a message to a callback channel: {@code true} makes it a heartbeat of the task rather than its answer. */
    public static final String HEARTBEAT = "edakit_task_heartbeat";

    private WorkflowHeaders() {
    }
}
