package io.edakit.routes.workflow;

import java.time.Clock;
import java.time.Duration;

import io.edakit.config.Settings;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.routes.support.ContextBeans;
import io.edakit.transport.TransportSettings;
import io.edakit.workflow.camel.CamelTaskInvoker;
import io.edakit.workflow.camel.TaskCallTracer;
import io.edakit.workflow.durable.WorkflowObserver;
import io.edakit.workflow.durable.WorkflowRunner;
import io.edakit.workflow.durable.WorkflowSettings;
import io.edakit.workflow.durable.WorkflowStore;
import org.apache.camel.CamelContext;

/**
 * The workflow runner of a Camel context, created with the first workflow template instance from
 * the {@code edakit.workflow.*} settings, bound in the registry and closed with the context. Every
 * workflow template instance of the context shares it (and its store's group commit).
 */
public final class WorkflowRunners {

    private static final String RUNNER_BEAN = "edakitWorkflowRunner";
    private static final Duration SCAN_INTERVAL = Duration.ofMillis(500);

    private WorkflowRunners() {
    }

    public static WorkflowRunner forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, RUNNER_BEAN, WorkflowRunner.class, () -> {
            Settings settings = Settings.of(context);
            WorkflowSettings workflow = settings.get(WorkflowSettings.GROUP);
            WorkflowStore store = openStore(workflow.store(), Math.max(4, workflow.workers() / 2 + 2));
            // tracing, when on, has bound what opens the spans of executions and task calls (TracingSetup)
            TaskCallTracer tracer = context.getRegistry().findSingleByType(TaskCallTracer.class);
            WorkflowRunner runner = new WorkflowRunner(store, new CamelTaskInvoker(context, context.createProducerTemplate(),
                    tracer == null ? TaskCallTracer.NONE : tracer),
                    WorkflowRunner.instanceName(settings.get(TransportSettings.GROUP).instanceId()), workflow.lease(),
                    workflow.workers(), SCAN_INTERVAL, Clock.systemUTC(), workflow.parkAfter());
            if (tracer instanceof WorkflowObserver observer) {
                runner.observe(observer);
            }
            ContextBeans.closedWith(context, () -> {
                runner.close();
                store.close();
            }, "the workflow runner");
            return runner;
        });
    }

    /** The context's workflow runner if a workflow template instance created one; never creates it. */
    public static java.util.Optional<WorkflowRunner> existing(CamelContext context) {
        return java.util.Optional.ofNullable(context.getRegistry().lookupByNameAndType(RUNNER_BEAN, WorkflowRunner.class));
    }

    /** The store {@code database} names, also for tools that read it without running workflows (CLI). */
    public static WorkflowStore openStore(JdbcSettings database, int maxConnections) {
        return WorkflowStore.open(database.url(), database.user(), database.password(), maxConnections);
    }
}
