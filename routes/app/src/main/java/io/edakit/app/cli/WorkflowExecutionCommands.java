package io.edakit.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.edakit.operator.workflow.WorkflowJson;
import io.edakit.operator.workflow.WorkflowOperations;
import io.edakit.routes.workflow.WorkflowRunners;
import io.edakit.workflow.durable.WorkflowEvent;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowSettings;
import io.edakit.workflow.durable.WorkflowStatus;
import io.edakit.workflow.durable.WorkflowStore;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edakit workflow start|list|show|history|stop|redrive|resume}: executions in the workflow store the
 * configuration names ({@code edakit.workflow.jdbc-url}), so use the same {@code --config} files as
 * the instances. A start or stop is picked up by a running instance within a second.
 */
final class WorkflowExecutionCommands {

    private WorkflowExecutionCommands() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(WorkflowOperations operations) throws Exception;
    }

    /** What every subcommand has: output and the configuration options. */
    abstract static class Subcommand {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        <T> T withOperations(Work<T> work) throws Exception {
            try (WorkflowStore store = WorkflowRunners.openStore(CliSettings.of(config.load(), config.overrides)
                    .get(WorkflowSettings.GROUP).store(), 2)) {
                return work.run(new WorkflowOperations(store, Clock.systemUTC()));
            }
        }

        /** Runs an operator request; an unknown execution or a refused one is exit code 1. */
        int request(Work<WorkflowRecord> work, String what) throws Exception {
            WorkflowRecord record;
            try {
                record = withOperations(work);
            } catch (IllegalArgumentException refused) {
                spec.commandLine().getErr().println(refused.getMessage());
                return 1;
            }
            out().printf("execution %s (%s): %s; now %s%n", record.id(), record.workflow(), what, record.status().label());
            out().flush();
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Records a new execution; a running instance with the workflow's template runs it.")
    static final class Start extends Subcommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "WORKFLOW", description = "the workflow's name (the template's workflow)")
        String workflow;

        @Option(names = "--id", required = true, description = "the execution's id, unique in the store")
        String id;

        @Option(names = "--input", defaultValue = "{}", description = "JSON input, or @FILE (default ${DEFAULT-VALUE})")
        String input;

        @Override
        public Integer call() throws Exception {
            String json = input.startsWith("@") ? Files.readString(Path.of(input.substring(1))) : input;
            return request(operations -> operations.start(workflow, id, json), "start recorded");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Executions, newest first.")
    static final class ListExecutions extends Subcommand implements Callable<Integer> {
        @Option(names = "--status", description = "only: running, succeeded, failed, timed-out, aborted, parked")
        String status;

        @Option(names = "--limit", defaultValue = "50", description = "executions to list (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "JSON instead of a table")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Optional<WorkflowStatus> filter;
            try {
                filter = Optional.ofNullable(status).map(io.edakit.operator.workflow.WorkflowApiStatus::parse);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            List<WorkflowRecord> executions = withOperations(operations -> operations.list(filter, limit));
            PrintWriter out = out();
            if (json) {
                out.println(Jsoner.prettyPrint(WorkflowJson.executions(executions).toJson()));
            } else {
                out.printf("%-38s %-20s %-10s %s%n", "ID", "WORKFLOW", "STATUS", "STARTED");
                executions.forEach(e -> out.printf("%-38s %-20s %-10s %s%n", e.id(), e.workflow(), e.status().label(),
                        e.startedAt()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "An execution: status, input, and its output or error (a parked one's: the fault that parked it).")
    static final class Show extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "EXECUTION-ID", description = "the execution's id")
        String id;

        @Override
        public Integer call() throws Exception {
            Optional<WorkflowRecord> found = withOperations(operations -> operations.show(id));
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("no workflow execution with id " + id);
                return 1;
            }
            out().println(Jsoner.prettyPrint(WorkflowJson.detail(found.get()).toJson()));
            out().flush();
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "An execution's history, one page at a time: answers, timers, takeovers, its end.")
    static final class History extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "EXECUTION-ID", description = "the execution's id")
        String id;

        @Option(names = "--after", defaultValue = "0", description = "entries after this position (the last seq of "
                + "the page before)")
        long after;

        @Option(names = "--limit", defaultValue = "1000", description = "entries per page (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            List<WorkflowEvent> page;
            try {
                page = withOperations(operations -> operations.history(id, after, limit));
            } catch (IllegalArgumentException unknown) {
                spec.commandLine().getErr().println(unknown.getMessage());
                return 1;
            }
            PrintWriter out = out();
            for (WorkflowEvent event : page) {
                out.printf("%8d  %s  %-15s %s%s%s%n", event.seq(), event.at(), event.kind(),
                        event.ref() == null ? "" : event.ref(), event.error() == null ? "" : "  " + event.error(),
                        event.detail() == null ? "" : "  " + event.detail());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Aborts a running or parked execution.")
    static final class Stop extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "EXECUTION-ID", description = "the execution's id")
        String id;

        @Option(names = "--cause", defaultValue = "stopped by an operator", description = "why, kept as its cause")
        String cause;

        @Override
        public Integer call() throws Exception {
            return request(operations -> operations.stop(id, cause), "stopped");
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true, description = "Runs a failed, timed-out or aborted "
            + "execution again from the states that did not succeed, keeping the results of those that did.")
    static final class Redrive extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "EXECUTION-ID", description = "the execution's id")
        String id;

        @Override
        public Integer call() throws Exception {
            return request(operations -> operations.redrive(id), "redriven");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Runs a parked execution on from where it "
            + "is, once the cause of its faults is fixed: its fault count starts over.")
    static final class Resume extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "EXECUTION-ID", description = "the execution's id")
        String id;

        @Override
        public Integer call() throws Exception {
            return request(operations -> operations.resume(id), "resumed");
        }
    }
}
