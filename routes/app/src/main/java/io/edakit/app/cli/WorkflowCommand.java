package io.edakit.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.asl.DefinitionException;
import io.edakit.workflow.asl.Problem;
import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Outcome;
import io.edakit.workflow.graph.DiagramLayout;
import io.edakit.workflow.graph.SvgDiagram;
import io.edakit.workflow.graph.WorkflowGraph;
import io.edakit.workflow.path.JsonPaths;
import io.edakit.workflow.test.InMemoryRunner;
import io.edakit.workflow.test.Mocks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edakit workflow validate|graph|test FILE}: Amazon States Language definitions checked, drawn
 * and run in memory with mocked tasks, offline. Exit codes: 0 success, 1 the execution failed,
 * 2 an invalid definition or arguments (one line each).
 */
@Command(name = "workflow", mixinStandardHelpOptions = true,
        description = "Amazon States Language workflows: validate, draw and test definitions offline; start, list, "
                + "show, stop, redrive, resume executions, read their history and answer callback tasks in the workflow store.",
        subcommands = {WorkflowCommand.Validate.class, WorkflowCommand.Graph.class, WorkflowCommand.Test.class,
                WorkflowExecutionCommands.Start.class, WorkflowExecutionCommands.ListExecutions.class,
                WorkflowExecutionCommands.Show.class, WorkflowExecutionCommands.History.class,
                WorkflowExecutionCommands.Stop.class, WorkflowTaskCommands.class,
                WorkflowExecutionCommands.Redrive.class,
                WorkflowExecutionCommands.Resume.class})
final class WorkflowCommand {

    static final int EXECUTION_FAILED = 1;
    static final int INVALID = 2;

    /** The definition of FILE, or null after printing why it cannot run. */
    static StateMachine load(Path file, PrintWriter err) {
        try {
            return AslParser.parse(file);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
        } catch (IOException e) {
            err.println(file + ": cannot read (" + e.getMessage() + ")");
        } catch (DefinitionException e) {
            e.problems().forEach(problem -> err.println(problem));
        }
        return null;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks an ASL definition (JSON or YAML): exit code 0 when it runs as written, else 2 with one "
                    + "line per problem naming file, state and JSON pointer (unsupported constructs included).")
    static final class Validate implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "the definition, .json or .yaml")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            StateMachine machine = load(file, err);
            err.flush();
            if (machine == null) {
                return INVALID;
            }
            out.println("valid: " + file + " (" + count(machine) + " states)");
            out.flush();
            return 0;
        }

        private static int count(StateMachine machine) {
            int count = 0;
            for (io.edakit.workflow.asl.State state : machine.states().values()) {
                count++;
                if (state instanceof io.edakit.workflow.asl.State.Parallel parallel) {
                    count += parallel.branches().stream().mapToInt(Validate::count).sum();
                } else if (state instanceof io.edakit.workflow.asl.State.Map map) {
                    count += count(map.processor());
                }
            }
            return count;
        }
    }

    @Command(name = "graph", mixinStandardHelpOptions = true,
            description = "Draws an ASL definition as a Mermaid flowchart (default), a Graphviz DOT digraph or an SVG picture.")
    static final class Graph implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "the definition, .json or .yaml")
        Path file;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid",
                description = "mermaid, dot or svg (default ${DEFAULT-VALUE})")
        String format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            boolean svg = format.equalsIgnoreCase("svg");
            WorkflowGraph.Format chosen = switch (format.toLowerCase(Locale.ROOT)) {
                case "mermaid" -> WorkflowGraph.Format.MERMAID;
                case "dot" -> WorkflowGraph.Format.DOT;
                default -> null;
            };
            if (chosen == null && !svg) {
                err.println("--format " + format + ": expected mermaid, dot or svg");
                err.flush();
                return INVALID;
            }
            StateMachine machine = load(file, err);
            err.flush();
            if (machine == null) {
                return INVALID;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(svg ? SvgDiagram.render(DiagramLayout.layout(machine), Optional.empty(), true)
                    : WorkflowGraph.render(machine, chosen));
            out.flush();
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Runs an ASL definition in memory with mocked tasks (waits and retry backoffs take no time) and "
                    + "prints each state's input and output. A mocked task's Resource may be any string, so a definition "
                    + "copied from AWS runs unchanged. Exit code 0 when the execution succeeds, 1 when it fails or times "
                    + "out, 2 for an invalid definition, arguments or a Task state without a mock.")
    static final class Test implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "the definition, .json or .yaml")
        Path file;

        @Option(names = "--input", paramLabel = "FILE", description = "the execution's input, a JSON file (default {})")
        Path input;

        @Option(names = "--mock", paramLabel = "STATE=ANSWER",
                description = "a Task state's answer: State=@ok.json (its output), State=error:Name[:cause], or State=<JSON>; "
                        + "repeat for the same state to answer successive calls (the last one repeats)")
        List<String> mocks = new ArrayList<>();

        @Option(names = "--json", description = "print one JSON document: {status, output, error, cause, states: [{name, input, output}]}")
        boolean json;

        @Option(names = "--trace", paramLabel = "WHICH", defaultValue = "all",
                description = "which states to print: all (with Parallel branches and Map iterations), top (the top level "
                        + "only) or none (default ${DEFAULT-VALUE})")
        String trace;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(out, err);
            } finally {
                out.flush();
                err.flush();
            }
        }

        private int run(PrintWriter out, PrintWriter err) {
            InMemoryRunner.Trace which;
            try {
                which = InMemoryRunner.Trace.valueOf(trace.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("--trace " + trace + ": expected all, top or none");
                return INVALID;
            }
            StateMachine machine = load(file, err);
            if (machine == null) {
                return INVALID;
            }
            JsonNode executionInput;
            Mocks answers = new Mocks();
            try {
                executionInput = readInput();
                mocks.forEach(mock -> answers.add(mock, Path.of("")));
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return INVALID;
            }
            InMemoryRunner.Report report;
            try {
                report = new InMemoryRunner(new Interpreter(machine), answers, which, false)
                        .run("arn:edakit:states:local:execution:" + file.getFileName() + ":test", executionInput);
            } catch (Mocks.UnmockedTaskException e) {
                err.println(e.getMessage() + " (give --mock " + e.getMessage().replaceAll(".*'(.*)'.*", "$1") + "=@output.json)");
                return INVALID;
            }
            Outcome outcome = report.outcome();
            if (json) {
                out.println(document(report));
            } else {
                print(report, out);
            }
            if (!outcome.succeeded()) {
                err.println(file + ": execution " + status(outcome) + ": " + outcome.error()
                        + (outcome.cause() == null ? "" : ": " + outcome.cause()));
            }
            return outcome.succeeded() ? 0 : EXECUTION_FAILED;
        }

        private JsonNode readInput() {
            if (input == null) {
                return JsonPaths.MAPPER.createObjectNode();
            }
            try {
                return JsonPaths.MAPPER.readTree(Files.readString(input));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("--input " + input + ": not JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new IllegalArgumentException("--input " + input + ": cannot read (" + e.getMessage() + ")");
            }
        }

        private static String status(Outcome outcome) {
            return outcome.status().name();
        }

        private static ObjectNode document(InMemoryRunner.Report report) {
            Outcome outcome = report.outcome();
            ObjectNode document = JsonPaths.MAPPER.createObjectNode();
            document.put("status", status(outcome));
            document.set("output", outcome.output());
            document.put("error", outcome.error());
            document.put("cause", outcome.cause());
            ArrayNode states = document.putArray("states");
            for (InMemoryRunner.StateRun run : report.states()) {
                ObjectNode state = states.addObject();
                state.put("name", run.name());
                if (!run.run().isEmpty()) {
                    state.put("run", run.run());
                }
                state.set("input", run.input());
                state.set("output", run.output());
                if (run.error() != null) {
                    state.put("error", run.error());
                    state.put("cause", run.cause());
                }
            }
            document.put("virtualSeconds", report.virtualTime().toMillis() / 1000.0);
            return document;
        }

        private static void print(InMemoryRunner.Report report, PrintWriter out) {
            for (InMemoryRunner.StateRun run : report.states()) {
                out.println(run.name() + (run.run().isEmpty() ? "" : "  (" + run.run().substring(1) + ")"));
                out.println("  input:  " + run.input());
                if (run.error() != null) {
                    out.println("  error:  " + run.error() + (run.cause() == null ? "" : ": " + run.cause()));
                }
                if (run.output() != null) {
                    out.println("  output: " + run.output());
                }
            }
            Outcome outcome = report.outcome();
            out.println(status(outcome) + (outcome.succeeded() ? ": " + outcome.output()
                    : ": " + outcome.error() + (outcome.cause() == null ? "" : ": " + outcome.cause()))
                    + " (" + report.taskCalls() + " task calls, " + report.virtualTime().toSeconds() + " s of virtual time)");
        }
    }
}
