package io.edakit.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import io.edakit.envelope.Envelope;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.PlainClient;
import io.edakit.testing.TestApp;
import io.edakit.testing.TransportFixture;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The metrics operators alert on, read from /observe/metrics as Prometheus scrapes them, on one
 * transport (subclasses pick it): dead letters waiting per channel, sagas per state, latency as
 * histogram buckets only (no client-side quantiles anywhere), and Camel's MBeans over JMX.
 * Messages come from a plain broker client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperationalMetricsTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** A task, a one-second Wait (a timer), a Choice, and an end that succeeds or fails with the input. */
    static final String WORKFLOW = """
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Task", "Resource": "direct:wf-check", "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Decide"},
              "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}],
                         "Default": "Refused"},
              "Done": {"Type": "Succeed"},
              "Refused": {"Type": "Fail", "Error": "Check.Refused"}}}
            """;

    final CountDownLatch releaseSlow = new CountDownLatch(1);
    TransportFixture transport;
    TestApp app;

    protected abstract TransportFixture createTransport() throws Exception;

    @BeforeAll
    void startApplication() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-metrics-");
        transport = createTransport();
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + workDir.resolve("saga").toAbsolutePath());
        config.put("edakit.metrics.gauge-refresh", "100ms");
        TestApp.instance(config, "failing", "point-to-point", Map.of("channel", "m.fail", "handler", "direct:fail",
                "max-redeliveries", "0"));
        TestApp.instance(config, "slow", "point-to-point", Map.of("channel", "m.slow", "handler", "direct:slow",
                "max-in-flight", "1"));
        TestApp.instance(config, "orders", "saga", Map.of("saga", "order", "from", "channel:m.orders",
                "steps", "reserve=direct:reserve"));
        config.put("edakit.workflow.jdbc-url", "jdbc:h2:file:" + workDir.resolve("workflow").toAbsolutePath());
        Path definition = Files.writeString(workDir.resolve("metrics.asl.json"), WORKFLOW);
        TestApp.instance(config, "checks", "workflow", Map.of("workflow", "check", "from", "platform-http:/m/checks",
                "definition", definition.toAbsolutePath().toString()));
        app = TestApp.start(workDir, "metrics-app", config, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fail").throwException(new IllegalStateException("the handler is down"));
                from("direct:slow").process(exchange -> releaseSlow.await(60, TimeUnit.SECONDS));
                from("direct:reserve").log("reserved ${body}");
                from("direct:wf-check").log("checked ${body}");
            }
        });
    }

    @AfterAll
    void stop() {
        releaseSlow.countDown();
        if (app != null) {
            app.close();
        }
    }

    static Map<String, String> event(String id) {
        return Map.of(Envelope.ID, id, Envelope.TYPE, "test", Envelope.SOURCE, "/metrics-test", Envelope.SPECVERSION, "1.0");
    }

    String metrics() {
        return HttpCalls.get(app.baseUrl() + "/observe/metrics").body();
    }

    /** The value of the sample {@code name{labels}} in the scrape, or -1 when it is not there. */
    static double sample(String scrape, String name, String labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels) + ",?\\} (\\S+)$")
                .matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }

    /** The value of the sample {@code name} without labels, or -1 when it is not there. */
    static double unlabelled(String scrape, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }

    @Test
    void deadLettersWaitingAreAGaugePerChannel() {
        try (PlainClient client = transport.plainClient()) {
            client.sendText("m.fail", "one", event("f-1"), null);
            client.sendText("m.fail", "two", event("f-2"), null);
        }
        await().atMost(WAIT).until(() -> sample(metrics(), "edakit_dead_letters_waiting", "channel=\"m.fail.dlq\"") == 2);
        // declared channels are listed with nothing waiting
        assertThat(sample(metrics(), "edakit_dead_letters_waiting", "channel=\"m.slow.dlq\"")).isZero();
    }

    @Test
    void sagasPerStateAreAGaugeOfEveryState() {
        // the latency test starts a saga too: count from here
        double before = Math.max(0, sample(metrics(), "edakit_sagas", "state=\"completed\""));
        try (PlainClient client = transport.plainClient()) {
            client.sendText("m.orders", "order", event("saga-1"), null);
        }
        await().atMost(WAIT).until(() -> sample(metrics(), "edakit_sagas", "state=\"completed\"") == before + 1);
        String scrape = metrics();
        for (String state : new String[] {"running", "compensating", "compensated", "needs-attention"}) {
            assertThat(sample(scrape, "edakit_sagas", "state=\"" + state + "\"")).as(state).isZero();
        }
    }

    @Test
    void latencyIsPublishedAsHistogramBucketsNeverAsClientSideQuantiles() {
        try (PlainClient client = transport.plainClient()) {
            client.sendText("m.orders", "order", event("saga-latency"), null);
        }
        await().atMost(WAIT).until(() -> sample(metrics(), "edakit_processing_seconds_count",
                "route=\"orders\",template=\"saga\"") >= 1);
        String scrape = metrics();
        assertThat(scrape).contains("edakit_processing_seconds_bucket{route=\"orders\",template=\"saga\",le=\"+Inf\"}");
        // Camel's route timers too: buckets, not just count, sum and max
        assertThat(scrape).containsPattern("camel_route_policy_seconds_bucket\\{[^}]*routeId=\"orders\"[^}]*le=\"0.001\"");
        assertThat(scrape.lines().filter(line -> line.contains("quantile=\""))).as("client-side percentiles").isEmpty();
    }

    @Test
    void camelsMBeansAreOnTheJvmsMBeanServer() throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        String context = app.context().getManagementName();
        assertThat(server.queryNames(new ObjectName("org.apache.camel:context=" + context + ",type=context,*"), null))
                .hasSize(1);
        ObjectName route = new ObjectName("org.apache.camel:context=" + context + ",type=routes,name=\"failing\"");
        assertThat(server.isRegistered(route)).isTrue();
        assertThat(server.getAttribute(route, "State")).isEqualTo("Started");
    }

    @Test
    void workflowTransitionsOutcomesTimerLagAndExecutionsPerStatusArePublished() {
        assertThat(HttpCalls.post(app.baseUrl() + "/m/checks", "{\"ok\": true}", Map.of("ce-id", "wf-ok")).statusCode())
                .isEqualTo(202);
        assertThat(HttpCalls.post(app.baseUrl() + "/m/checks", "{\"ok\": false}", Map.of("ce-id", "wf-refused"))
                .statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> sample(metrics(), "edakit_workflows", "status=\"failed\"") == 1
                && sample(metrics(), "edakit_workflows", "status=\"succeeded\"") == 1);
        String scrape = metrics();
        assertThat(sample(scrape, "edakit_workflow_executions_total", "outcome=\"succeeded\"")).isEqualTo(1);
        assertThat(sample(scrape, "edakit_workflow_executions_total", "outcome=\"failed\"")).isEqualTo(1);
        for (String outcome : new String[] {"timed-out", "aborted", "parked"}) {
            assertThat(sample(scrape, "edakit_workflow_executions_total", "outcome=\"" + outcome + "\"")).as(outcome).isZero();
            assertThat(sample(scrape, "edakit_workflows", "status=\"" + outcome + "\"")).as(outcome).isZero();
        }
        assertThat(sample(scrape, "edakit_workflows", "status=\"running\"")).isZero();
        // Check, Pause, Decide and Done or Refused: four states entered per execution
        assertThat(unlabelled(scrape, "edakit_workflow_transitions_total")).isEqualTo(8);
        // each execution's Wait: its timer's lag, as buckets
        assertThat(unlabelled(scrape, "edakit_workflow_timer_lag_seconds_count")).isEqualTo(2);
        assertThat(scrape).containsPattern("(?m)^edakit_workflow_timer_lag_seconds_bucket\\{le=\"\\+Inf\"\\} 2(\\.0)?$");
    }
}
