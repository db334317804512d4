package io.edakit.routes.workflow;

import java.util.List;

import io.edakit.config.Param;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.EntryRejection;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import io.edakit.workflow.camel.WorkflowHeaders;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Answers to workflow callback tasks arriving as messages: the companion of {@link WorkflowTemplate}
 * for participants that answer on a channel rather than over HTTP or the CLI.
 */
public final class WorkflowCallbackTemplate implements EdakitTemplate {

    public static final String ID = "workflow-callbacks";

    static final Param<String> FROM = Parameters.FROM.describedAs("Where answers to callback tasks come from: a "
            + "channel (channel:order.callbacks) or any Camel endpoint. Each message carries the task token in the "
            + WorkflowHeaders.TASK_TOKEN + " header; its body is the task's JSON output, or with an "
            + WorkflowHeaders.TASK_ERROR + " header the failure's cause; with " + WorkflowHeaders.HEARTBEAT
            + ": true it is a heartbeat.", "channel:order.callbacks");

    static final Param<String> DEAD_LETTER_CHANNEL = DeadLetterSupport.DEAD_LETTER_CHANNEL.defaultingTo(
            "workflow.callbacks.dlq", "Channel that receives answers which cannot be applied (no token, a token "
                    + "nobody handed out, a task that no longer waits because it timed out, was retried or answered "
                    + "already, output that is not JSON), with the reason in failure headers; an HTTP caller gets 400.",
            "order.callbacks.dlq");

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Workflow task callbacks",
            "Applies answers to workflow callback tasks (Task states whose Resource ends in .waitForTaskToken) that "
                    + "arrive as messages: success (the body is the output), failure (" + WorkflowHeaders.TASK_ERROR
                    + " header, the body is the cause) or heartbeat (" + WorkflowHeaders.HEARTBEAT + ": true), with "
                    + "the task token in " + WorkflowHeaders.TASK_TOKEN + ", as a participant copies it from the "
                    + "request. An answer is accepted once it is in the workflow store and applied by the instance "
                    + "running the execution; a stale or unknown token goes to the dead-letter channel with the reason.",
            TemplateSupport.parameters(List.of(FROM, DEAD_LETTER_CHANNEL, Parameters.KEEP_HEADERS)));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        TemplateSupport.processor(template, "taskAnswer", context ->
                new TaskAnswerReceiver(WorkflowRunners.forContext(context.getCamelContext()).callbacks()));
        EntryRejection.apply(template, TemplateSupport.from(template, DESCRIPTOR, FROM.placeholder()),
                        "invalid-task-answer", context -> "")
                .process("{{taskAnswer}}");
    }
}
