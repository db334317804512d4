package io.edakit.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.edakit.workflow.durable.CallbackTask;
import io.edakit.workflow.durable.TaskCallbacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edakit workflow task success|failure|heartbeat TOKEN}: answers a callback task
 * ({@code .waitForTaskToken}) with the token its request carried, through the workflow store; the
 * instance running the execution applies the answer within a second. Exit code 1 when the token is
 * refused (unknown, or its task no longer waits: the message says why), 2 for output that is not JSON.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Answers a callback task (.waitForTaskToken) with its task token: success, failure or heartbeat.",
        subcommands = {WorkflowTaskCommands.Success.class, WorkflowTaskCommands.Failure.class,
                WorkflowTaskCommands.Heartbeat.class})
final class WorkflowTaskCommands {

    private WorkflowTaskCommands() {
    }

    @FunctionalInterface
    interface Answer {
        CallbackTask send(TaskCallbacks callbacks) throws Exception;
    }

    abstract static class TaskSubcommand extends WorkflowExecutionCommands.Subcommand {
        // tokens begin with a letter (TaskTokens.PREFIX), so one never reads as an option; "--" before it still works
        @Parameters(index = "0", paramLabel = "TOKEN", description = "the task token ($$.Task.Token of the request)")
        String token;

        int answer(Answer answer, String what) throws Exception {
            CallbackTask task;
            try {
                task = withOperations(operations -> answer.send(operations.callbacks()));
            } catch (IllegalArgumentException refused) {
                spec.commandLine().getErr().println(refused.getMessage());
                return 1;
            }
            out().printf("execution %s, state '%s', attempt %d: %s%n", task.executionId(), task.state(), task.attempt(), what);
            out().flush();
            return 0;
        }
    }

    @Command(name = "success", mixinStandardHelpOptions = true, description = "The task succeeded with this output.")
    static final class Success extends TaskSubcommand implements Callable<Integer> {
        @Option(names = "--output", defaultValue = "{}", description = "the task's output: JSON, or @FILE "
                + "(default ${DEFAULT-VALUE})")
        String output;

        @Override
        public Integer call() throws Exception {
            String json = output.startsWith("@") ? Files.readString(Path.of(output.substring(1))) : output;
            return answer(callbacks -> callbacks.success(token, json), "success accepted");
        }
    }

    @Command(name = "failure", mixinStandardHelpOptions = true, description = "The task failed with this error and cause.")
    static final class Failure extends TaskSubcommand implements Callable<Integer> {
        @Option(names = "--error", description = "the error name for Retry and Catch (default States.TaskFailed)")
        String error;

        @Option(names = "--cause", description = "what went wrong, for people")
        String cause;

        @Override
        public Integer call() throws Exception {
            return answer(callbacks -> callbacks.failure(token, error, cause), "failure accepted");
        }
    }

    @Command(name = "heartbeat", mixinStandardHelpOptions = true,
            description = "The task is still at work: its HeartbeatSeconds start again.")
    static final class Heartbeat extends TaskSubcommand implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return answer(callbacks -> callbacks.heartbeat(token), "heartbeat recorded");
        }
    }
}
