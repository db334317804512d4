package io.edakit.routes.workflow;

import java.util.List;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.routes.templates.KameletStep;
import io.edakit.routes.templates.Parameters;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/**
 * The workflow Kamelet's step: each message starts an execution, as the workflow template's instance
 * starts one (the same definition checks, runner, store and outcome events); the body is the
 * execution's JSON input. The envelope is completed and checked first; the step returns once the
 * execution is in the store, so the source acknowledges the message only then, and a start delivered
 * twice (the same execution id) starts one execution. A message that cannot start one (no id, a body
 * that is not JSON, an id another workflow has, a broken envelope) fails with a
 * {@link io.edakit.failure.PoisonMessageException}: the route's or Pipe's error handler decides.
 */
public final class WorkflowKameletStep extends KameletStep {

    /** The Kamelet's name, which begins the message of a value that cannot work. */
    public static final String KAMELET = "edakit-workflow-sink";

    /** The Kamelet's parameters: the template's, less where starts come from and where bad ones go. */
    public static final List<Param<?>> PARAMETERS = List.of(WorkflowTemplate.WORKFLOW, WorkflowTemplate.EXECUTION_ID,
            WorkflowTemplate.DEFINITION, WorkflowTemplate.OUTCOME_CHANNEL, Parameters.KEEP_HEADERS);

    public WorkflowKameletStep() {
        super(KAMELET);
    }

    @Override
    protected Processor create(CamelContext context, Function<String, String> values) {
        return inOrder(WorkflowTemplate.STARTS.preparation(values), WorkflowTemplate.starter(context, values, owner()));
    }
}
