package io.edakit.workflow.durable;

import java.time.Clock;
import java.time.Duration;

import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.camel.CamelTaskInvoker;
import io.edakit.workflow.engine.Interpreter;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The child JVM of {@link MapCancelCrashTest}: a workflow runner whose tasks are Camel http: calls to
 * the test JVM's {@link HoldingTaskServer}; starts the test's executions and runs until it is killed.
 *
 * <p>Arguments: JDBC URL, user, the server's port.
 */
public final class MapCancelCrashRunner {

    private MapCancelCrashRunner() {
    }

    public static void main(String[] args) throws Exception {
        WorkflowStore store = WorkflowStore.open(args[0], args[1], "", 4);
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        WorkflowRunner runner = new WorkflowRunner(store, new CamelTaskInvoker(camel, camel.createProducerTemplate()),
                "child", Duration.ofSeconds(3), 4, Duration.ofMillis(200), Clock.systemUTC());
        register(runner, Integer.parseInt(args[2]), WorkflowOutcomes.NONE);
        MapCancelCrashTest.EXECUTIONS.forEach((id, input) -> runner.start(MapCancelCrashTest.workflow(id), id,
                WorkflowRunnerTest.json(input)));
        System.out.println("started");
        Thread.currentThread().join(); // the runner's threads are daemons: keep the JVM until it is killed
    }

    static void register(WorkflowRunner runner, int port, WorkflowOutcomes outcomes) {
        for (String workflow : MapCancelCrashTest.DEFINITIONS.keySet()) {
            String definition = MapCancelCrashTest.DEFINITIONS.get(workflow).replace("URL", "http://127.0.0.1:" + port);
            runner.register(workflow, new Interpreter(AslParser.parse(workflow + ".asl.json", definition)), outcomes);
        }
    }
}
