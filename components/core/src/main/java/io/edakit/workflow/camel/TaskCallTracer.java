package io.edakit.workflow.camel;

import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.TaskInvoker;
import org.apache.camel.Message;

/**
 * Told of every task call {@link CamelTaskInvoker} makes, before the call's message is sent (it may
 * add headers to it: a trace context) and when its answer is in. Called on the runner's threads and
 * on those that complete the call: an implementation must be quick and thread-safe.
 */
public interface TaskCallTracer {

    /** {@code call} is about to be sent as {@code message}; the answer goes to what this returns. */
    Call calling(Command.InvokeTask call, Message message);

    /** One call in flight. */
    @FunctionalInterface
    interface Call {
        /** The answer (a failure's result too); called once. */
        void answered(TaskInvoker.TaskResult result);
    }

    TaskCallTracer NONE = (call, message) -> result -> { };
}
