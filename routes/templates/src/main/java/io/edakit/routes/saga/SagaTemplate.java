package io.edakit.routes.saga;

import io.edakit.routes.templates.DeadLetterSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.edakit.config.Bounds;
import io.edakit.config.Durations;
import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.failure.Backoff;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.support.EndpointSchemes;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.ExecutionStarts;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateSupport;
import io.edakit.saga.DefinitionPlan;
import io.edakit.saga.SagaDefinition;
import io.edakit.saga.SagaDefinitionException;
import io.edakit.saga.SagaDefinitionParser;
import io.edakit.saga.SagaEngine;
import io.edakit.saga.SagaStep;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/** Orchestrated saga with compensating transactions, durable in the saga log. */
public final class SagaTemplate implements EdakitTemplate {

    public static final String ID = "saga";

    static final Param<String> SAGA = Param.string("saga").required()
            .description("Name of the saga: kept with each saga in the log, shown by `saga list`, "
                    + "and the source of its outcome events. Instances of the application "
                    + "running the same saga share its name.").example("order").build();

    static final Param<String> FROM = Parameters.FROM.describedAs("Where starts come from: a channel "
            + "(channel:orders) or any Camel endpoint, such as an HTTP path, which is answered 202 with the saga id.",
            "platform-http:/orders");

    static final Param<String> SAGA_ID = Param.expression("saga-id").defaultValue("${header.ce_id}")
            .description("Camel simple expression giving each saga's id, unique across every saga "
                    + "in the log. Default: the envelope id, so a start delivered twice runs one "
                    + "saga. When several saga templates start from the same events, give each "
                    + "its own, such as order-${header.ce_id}.")
            .example("order-${header.ce_id}").build();

    static final Param<String> DEFINITION = Param.string("definition").defaultValue("")
            .description("YAML file defining the steps (id, action, compensation, and optionally "
                    + "timeout, retries, retry-delay per step; timeout and compensation for the saga). "
                    + "Give this or steps.").example("config/order-saga.yaml").build();

    static final Param<String> STEPS = Param.string("steps").defaultValue("")
            .description("The steps in one line instead of a file: id=action-uri|compensation-uri, "
                    + "separated by ';' (the compensation is optional).")
            .example("reserve=direct:reserve|direct:release; charge=direct:charge|direct:refund; "
                    + "ship=direct:ship").build();

    static final Param<Duration> TIMEOUT = Param.duration("timeout").defaultValue("5m")
            .description("A saga still running this long after its start is compensated.")
            .example("30m").build();

    static final Param<Duration> STEP_TIMEOUT = Param.duration("step-timeout").defaultValue("30s")
            .description("How long one call of an action or compensation may take (unless the "
                    + "definition file sets it per step).").example("10s").build();

    static final Param<Integer> STEP_RETRIES = Param.integer("step-retries", Bounds.atLeast(0)).defaultValue(2)
            .description("Further attempts of a failed action before the saga is compensated.")
            .example(5).build();

    static final Param<Duration> STEP_RETRY_DELAY = Param.duration("step-retry-delay").defaultValue("1s")
            .description("Pause before each retry of an action.").example("200ms").build();

    static final Param<Integer> COMPENSATION_ATTEMPTS = Param.integer("compensation-attempts", Bounds.atLeast(1))
            .defaultValue(10)
            .description("Attempts of each compensation before the saga is parked as "
                    + "needs-attention.").example(20).build();

    static final Param<Duration> COMPENSATION_INITIAL_DELAY = Param.duration("compensation-initial-delay")
            .defaultValue("1s")
            .description("Pause before the second attempt of a compensation; it doubles each time.")
            .example("500ms").build();

    static final Param<Duration> COMPENSATION_MAX_DELAY = Param.duration("compensation-max-delay").defaultValue("1m")
            .description("Longest pause between attempts of a compensation.").example("5m").build();

    static final Param<String> OUTCOME_CHANNEL = Param.string("outcome-channel").defaultValue(SAGA.placeholder() + ".outcomes")
            .description("Channel the outcome event of each saga goes to (type edakit.saga.completed, "
                    + "edakit.saga.compensated or edakit.saga.needs-attention; subject the saga id; "
                    + "data the saga's input).").example("order-saga-outcomes").build();

    static final Param<String> DEAD_LETTER_CHANNEL = DeadLetterSupport.DEAD_LETTER_CHANNEL.defaultingTo(
            SAGA.placeholder() + ".dlq", "Channel that receives starts which cannot start a saga (no saga id, an id "
                    + "taken by another saga, an unreadable CloudEvent, an envelope that breaks the "
                    + "envelope rules), with the reason in failure headers; an HTTP caller gets 400.", "order.dlq");

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Saga with compensating transactions",
            "Starts a saga for each message from a channel or an HTTP path (by default its envelope id is the saga id, so a "
                    + "redelivered start runs one saga) and runs the steps in order, each an action endpoint "
                    + "with a timeout and retries. When a step still fails, or the saga outlasts its timeout, the "
                    + "steps that started are compensated last first; a compensation is retried with backoff and, "
                    + "past its attempts, the saga is parked as needs-attention for an operator (edakit.jar saga "
                    + "retry|compensate). Every call carries EdakitSagaId and EdakitSagaStep headers so participants "
                    + "can be idempotent. Progress is kept in the saga log (edakit.saga.*, H2 or PostgreSQL): "
                    + "after a crash, the restarted instance or another one resumes each saga where it was. "
                    + "Outcome events (edakit.saga.completed | compensated | needs-attention) go to a channel.",
            TemplateSupport.parameters(List.of(
                    SAGA,
                    FROM,
                    SAGA_ID,
                    DEFINITION,
                    STEPS,
                    TIMEOUT,
                    STEP_TIMEOUT,
                    STEP_RETRIES,
                    STEP_RETRY_DELAY,
                    COMPENSATION_ATTEMPTS,
                    COMPENSATION_INITIAL_DELAY,
                    COMPENSATION_MAX_DELAY,
                    OUTCOME_CHANNEL,
                    DEAD_LETTER_CHANNEL,
                    Parameters.KEEP_HEADERS)));

    /** How starts enter (source edakit/saga/NAME, type saga.start), are refused and answered. */
    static final ExecutionStarts STARTS = new ExecutionStarts("saga", SAGA, "sagaId", SagaStarter.SAGA_ID,
            SagaStarter.DUPLICATE);

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        STARTS.define(builder, DESCRIPTOR, FROM, SagaTemplate::starter);
    }

    /**
     * Registers the definition the values give with the engine and answers the processor that starts
     * sagas; {@code owner} (the template, or a Kamelet) begins the message of a definition that cannot work.
     */
    static Processor starter(CamelContext camel, Function<String, String> values, String owner) {
        SagaDefinition definition;
        try {
            definition = definition(values);
        } catch (InvalidDefinition e) {
            throw STARTS.refused(owner, SAGA.value(values), "parameter " + e.problem(), e);
        }
        STARTS.refuseUnknownEndpoints(owner, definition.name(), unknownEndpoints(definition, camel));
        SagaEngine engine = SagaEngines.forContext(camel);
        engine.register(definition.name(), new DefinitionPlan(definition), new SagaOutcomePublisher(
                camel.createProducerTemplate(), OUTCOME_CHANNEL.value(values), definition.name()));
        return new SagaStarter(engine, definition.name(), camel.resolveLanguage("simple")
                .createExpression(SAGA_ID.value(values)), definition.timeout());
    }

    @Override
    public List<ParameterProblem> checkInstance(Function<String, String> values, CamelContext camel) {
        try {
            Param<String> given = source(values);
            return unknownEndpoints(definition(values), camel).stream()
                    .map(problem -> ParameterProblem.of(given, problem)).toList();
        } catch (InvalidDefinition e) {
            return List.of(e.problem());
        } catch (IllegalArgumentException e) {
            return List.of(ParameterProblem.ofInstance(e.getMessage()));
        }
    }

    /** A definition the values cannot give, as the problem to report. */
    private static final class InvalidDefinition extends IllegalArgumentException {
        private final transient ParameterProblem problem;

        InvalidDefinition(ParameterProblem problem, Throwable cause) {
            super(problem.toString(), cause);
            this.problem = problem;
        }

        ParameterProblem problem() {
            return problem;
        }
    }

    /** The parameter the steps come from: the one-line steps when given, else the definition file. */
    private static Param<String> source(Function<String, String> values) {
        return STEPS.value(values).isBlank() ? DEFINITION : STEPS;
    }

    /**
     * Step endpoints whose component Camel will not find: the engine calls them only once a saga
     * reaches the step, so without this a misspelt scheme would fail sagas at run time.
     */
    private static List<String> unknownEndpoints(SagaDefinition definition, CamelContext camel) {
        List<String> problems = new ArrayList<>();
        for (SagaStep step : definition.steps()) {
            EndpointSchemes.problem(camel, step.action())
                    .ifPresent(problem -> problems.add("step '" + step.id() + "' action: " + problem));
            if (step.compensation() != null) {
                EndpointSchemes.problem(camel, step.compensation())
                        .ifPresent(problem -> problems.add("step '" + step.id() + "' compensation: " + problem));
            }
        }
        return problems;
    }

    /** The definition the values describe; throws {@link InvalidDefinition} naming the parameter at fault. */
    private static SagaDefinition definition(Function<String, String> values) {
        String saga = SAGA.value(values);
        String file = DEFINITION.value(values);
        String steps = STEPS.value(values);
        if (file.isBlank() == steps.isBlank()) {
            throw new InvalidDefinition(ParameterProblem.ofInstance("'" + DEFINITION.name() + "' or '" + STEPS.name()
                    + "': give exactly one of them"), null);
        }
        try {
            SagaDefinition defaults = new SagaDefinition(saga, List.of(new SagaStep("defaults", "", null,
                    STEP_TIMEOUT.value(values), STEP_RETRIES.value(values), STEP_RETRY_DELAY.value(values))),
                    TIMEOUT.value(values), COMPENSATION_ATTEMPTS.value(values),
                    new Backoff(COMPENSATION_INITIAL_DELAY.value(values).toMillis(), 2,
                            COMPENSATION_MAX_DELAY.value(values).toMillis(), 0.1));
            if (steps.isBlank()) {
                return SagaDefinitionParser.fromYaml(saga, read(Path.of(file)), file, defaults);
            }
            return SagaDefinitionParser.fromCompact(saga, steps, STEPS.name(), defaults);
        } catch (SagaDefinitionException e) {
            throw new InvalidDefinition(ParameterProblem.of(source(values), e.getMessage()), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SagaDefinitionException(file + ": cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }
}
