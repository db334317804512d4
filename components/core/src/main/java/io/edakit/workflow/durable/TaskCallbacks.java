package io.edakit.workflow.durable;

import java.time.Clock;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Answers to callback tasks, as Step Functions' SendTaskSuccess, SendTaskFailure and
 * SendTaskHeartbeat: the Java API behind the HTTP endpoints, the CLI and the callback channel.
 *
 * <p>An answer is accepted when it is committed in the store, and only if its task still waits:
 * the instance running the execution applies it (at once when that is this process's runner, else
 * within its scan interval; after a crash, when the execution resumes). A token that is unknown, of an
 * attempt that timed out, was retried or was cancelled, or answered already is refused with
 * {@link TaskTokenRefused}, saying which, and nothing is applied.
 */
public final class TaskCallbacks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallbackStore store;
    private final Clock clock;
    private final Consumer<CallbackTask> accepted;

    /** For tools without a runner (the CLI): a running instance applies the answers. */
    public TaskCallbacks(WorkflowStore store, Clock clock) {
        this(store.callbacks(), clock, task -> { });
    }

    TaskCallbacks(CallbackStore store, Clock clock, Consumer<CallbackTask> accepted) {
        this.store = store;
        this.clock = clock;
        this.accepted = accepted;
    }

    /** The task succeeded with {@code output}, JSON text (its result, as a request-reply task's reply body). */
    public CallbackTask success(String token, String output) {
        String json = output == null || output.isBlank() ? "null" : output;
        try {
            JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the output is not JSON: " + e.getOriginalMessage());
        }
        return accepted(store.answer(checked(token), null, json, null, clock.instant()));
    }

    /** The task failed with {@code error} (States.TaskFailed when null or blank) and {@code cause}. */
    public CallbackTask failure(String token, String error, String cause) {
        String name = error == null || error.isBlank() ? "States.TaskFailed" : error;
        return accepted(store.answer(checked(token), name, null, cause, clock.instant()));
    }

    /** The task is still at work: its HeartbeatSeconds start again from now. */
    public CallbackTask heartbeat(String token) {
        return store.heartbeat(checked(token), clock.instant());
    }

    private CallbackTask accepted(CallbackTask task) {
        accepted.accept(task);
        return task;
    }

    private static String checked(String token) {
        if (token == null || token.isBlank()) {
            throw new TaskTokenRefused.Unknown();
        }
        return token.strip();
    }
}
