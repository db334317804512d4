package io.edakit.routes.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.routes.support.EndpointSchemes;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.ExecutionStarts;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.asl.DefinitionException;
import io.edakit.workflow.asl.State;
import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.durable.WorkflowRunner;
import io.edakit.workflow.engine.Interpreter;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/** Durable workflow in Amazon States Language, its tasks Camel endpoints, durable in the workflow store. */
public final class WorkflowTemplate implements EdakitTemplate {

    public static final String ID = "workflow";

    static final Param<String> WORKFLOW = Param.string("workflow").required()
            .description("Name of the workflow: kept with each execution in the store, shown by `workflow list`, "
                    + "and the source of its outcome events. Instances of the application running the same "
                    + "workflow share its name.").example("order").build();

    static final Param<String> FROM = Parameters.FROM.describedAs("Where starts come from: a channel "
            + "(channel:orders) or any Camel endpoint, such as an HTTP path, which is answered 202 with the "
            + "execution id. The body is the execution's JSON input.", "platform-http:/orders");

    static final Param<String> EXECUTION_ID = Param.expression("execution-id").defaultValue("${header.ce_id}")
            .description("Camel simple expression giving each execution's id, unique across every execution in "
                    + "the store. Default: the envelope id, so a start delivered twice runs one execution. When "
                    + "several workflow templates start from the same events, give each its own, such as "
                    + "order-${header.ce_id}.").example("order-${header.ce_id}").build();

    static final Param<String> DEFINITION = Param.string("definition").required()
            .description("Amazon States Language file (JSON or YAML) defining the workflow. A Task's Resource is a "
                    + "Camel endpoint URI (direct:, http:, bean:, channel:x as request-reply). Checked at start-up: "
                    + "an unsupported construct stops it, naming state and JSON pointer.")
            .example("config/order-workflow.asl.json").build();

    static final Param<String> OUTCOME_CHANNEL = Param.string("outcome-channel")
            .defaultValue(WORKFLOW.placeholder() + ".outcomes")
            .description("Channel the outcome event of each execution goes to (type edakit.workflow.succeeded, "
                    + "failed, timed-out or aborted; subject the execution id; data the output, or "
                    + "{\"Error\", \"Cause\"}).").example("order-workflow-outcomes").build();

    static final Param<String> DEAD_LETTER_CHANNEL = DeadLetterSupport.DEAD_LETTER_CHANNEL.defaultingTo(
            WORKFLOW.placeholder() + ".dlq", "Channel that receives starts which cannot start an execution (no "
                    + "execution id, a body that is not JSON, an id taken by another workflow, an unreadable "
                    + "CloudEvent), with the reason in failure headers; an HTTP caller gets 400.", "order.dlq");

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Durable workflow (Amazon States Language)",
            "Starts a workflow execution for each message from a channel or an HTTP path (by default its envelope id "
                    + "is the execution id, so a redelivered start runs one execution) and runs an Amazon States "
                    + "Language definition: Task, Choice, Parallel, Map, Wait, Pass, Succeed, Fail, with Retry and "
                    + "Catch, JSONPath and JSONata. A Task calls a Camel endpoint with an edakit_task_id header that "
                    + "stays the same when a call is made again after a crash. Every answer and timer is recorded "
                    + "in the workflow store (edakit.workflow.*, H2 or PostgreSQL, on the execution core the saga "
                    + "log shares) before the next step: after a crash, the restarted instance or another one "
                    + "resumes each execution where it was; waits and retry backoffs are durable timers. Outcome "
                    + "events (edakit.workflow.succeeded | failed | timed-out | aborted) go to a channel.",
            TemplateSupport.parameters(List.of(
                    WORKFLOW,
                    FROM,
                    EXECUTION_ID,
                    DEFINITION,
                    OUTCOME_CHANNEL,
                    DEAD_LETTER_CHANNEL,
                    Parameters.KEEP_HEADERS)));

    /** How starts enter (source edakit/workflow/NAME, type workflow.start), are refused and answered. */
    static final ExecutionStarts STARTS = new ExecutionStarts("workflow", WORKFLOW, "executionId",
            WorkflowStarter.EXECUTION_ID, WorkflowStarter.DUPLICATE);

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        STARTS.define(builder, DESCRIPTOR, FROM, WorkflowTemplate::starter);
    }

    /**
     * Registers the definition the values give with the runner and answers the processor that starts
     * executions; {@code owner} (the template, or a Kamelet) begins the message of a definition that cannot work.
     */
    static Processor starter(CamelContext camel, Function<String, String> values, String owner) {
        String workflow = WORKFLOW.value(values);
        StateMachine machine;
        try {
            machine = machine(values);
        } catch (IllegalArgumentException e) {
            throw STARTS.refused(owner, workflow, "parameter " + DEFINITION.name() + ": " + e.getMessage(), e);
        }
        STARTS.refuseUnknownEndpoints(owner, workflow, unknownEndpoints(machine, camel));
        WorkflowRunner runner = WorkflowRunners.forContext(camel);
        runner.register(workflow, new Interpreter(machine), new WorkflowOutcomePublisher(
                camel.createProducerTemplate(), OUTCOME_CHANNEL.value(values), workflow));
        return new WorkflowStarter(runner, workflow, camel.resolveLanguage("simple")
                .createExpression(EXECUTION_ID.value(values)));
    }

    @Override
    public List<ParameterProblem> checkInstance(Function<String, String> values, CamelContext camel) {
        try {
            return unknownEndpoints(machine(values), camel).stream()
                    .map(problem -> ParameterProblem.of(DEFINITION, problem)).toList();
        } catch (IllegalArgumentException e) {
            return List.of(ParameterProblem.of(DEFINITION, e.getMessage()));
        }
    }

    /** The definition file, parsed and validated; every problem in one message. */
    private static StateMachine machine(Function<String, String> values) {
        String file = DEFINITION.value(values);
        try {
            return AslParser.parse(Path.of(file));
        } catch (DefinitionException e) {
            throw new IllegalArgumentException(String.join("; ", e.problems().stream().map(Object::toString).toList()), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Task resources whose component Camel will not find: the runner calls them only once an execution
     * reaches the state, so without this a misspelt scheme would fail executions at run time.
     */
    private static List<String> unknownEndpoints(StateMachine machine, CamelContext camel) {
        List<String> problems = new ArrayList<>();
        for (State state : machine.states().values()) {
            if (state instanceof State.Task task) {
                EndpointSchemes.problem(camel, task.endpoint())
                        .ifPresent(problem -> problems.add("state '" + task.name() + "' Resource: " + problem));
            } else if (state instanceof State.Parallel parallel) {
                parallel.branches().forEach(branch -> problems.addAll(unknownEndpoints(branch, camel)));
            } else if (state instanceof State.Map map) {
                problems.addAll(unknownEndpoints(map.processor(), camel));
            }
        }
        return problems;
    }
}
