package io.edakit.workflow.durable;

/**
 * An answer or heartbeat with a task token that no callback task waits on: a late answer for an old
 * attempt, one after a timeout, a second answer, or a token nobody handed out. Nothing is applied.
 */
public class TaskTokenRefused extends IllegalArgumentException {

    private final transient CallbackTask task;

    TaskTokenRefused(CallbackTask task) {
        super("refused: " + task.describe() + "; nothing was applied");
        this.task = task;
    }

    private TaskTokenRefused(String message) {
        super(message);
        this.task = null;
    }

    /** The task the token belongs to, or null when the token is unknown. */
    public CallbackTask task() {
        return task;
    }

    /** No callback task ever had this token (mistyped, or made up). */
    public static final class Unknown extends TaskTokenRefused {
        Unknown() {
            super("refused: unknown task token (no callback task was given it); nothing was applied");
        }
    }
}
