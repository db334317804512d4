package io.edakit.operator.tasks;

import io.edakit.operator.access.OperatorApi;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Redrive tasks over HTTP, behind the operator access check (starting and cancelling need the
 * operator token or a console session):
 * <pre>
 * GET    /edakit/tasks                                         every task, newest first
 * POST   /edakit/tasks?channel=&amp;to=&amp;filter=&amp;ids=&amp;max=&amp;rate=&amp;dryRun=   starts a redrive task (202)
 * GET    /edakit/tasks/{id}                                    one task: state, moved, kept and why, rate, ETA
 * DELETE /edakit/tasks/{id}                                    cancels it (202; it stops after the message at hand)
 * </pre>
 */
public final class TaskApi extends OperatorApi {

    private static final String BASE = "/tasks";

    @Override
    public void configure() {
        onException(IllegalArgumentException.class).handled(true).process(exchange -> error(exchange, 400, "bad-request"));
        onException(Exception.class).handled(true).process(exchange -> error(exchange, 500, "failed"));
        RedriveTasks tasks = RedriveTasks.forContext(getContext());

        operatorRoute(BASE, "GET,POST").routeId("edakit-tasks").process(exchange -> {
            Message in = exchange.getMessage();
            if ("POST".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
                String channel = in.getHeader("channel", String.class);
                if (channel == null || channel.isBlank()) {
                    throw new IllegalArgumentException("name the dead-letter channel: ?channel=orders.dlq");
                }
                RedriveTask task = tasks.start(new RedriveTaskSpec(channel, in.getHeader("to", String.class),
                        in.getHeader("filter", String.class), in.getHeader("ids", String.class),
                        in.getHeader("max", Long.class), in.getHeader("rate", Double.class),
                        in.getHeader("dryRun", false, Boolean.class)));
                JsonResponses.write(exchange, 202, task.toJson(tasks.clock().instant()));
            } else {
                TaskJson.writeList(exchange, tasks, "tasks");
            }
        });

        operatorRoute(BASE + "/{id}", "GET,DELETE").routeId("edakit-task").process(exchange -> {
            Message in = exchange.getMessage();
            TaskJson.writeOne(exchange, tasks, in.getHeader("id", String.class),
                    "DELETE".equals(in.getHeader(Exchange.HTTP_METHOD, String.class)), "task");
        });
    }
}
