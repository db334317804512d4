package io.edakit.app.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.edakit.operator.dlq.DeadLetterOperations;
import io.edakit.app.metrics.settings.GaugeSettings;
import io.edakit.operator.projection.ProjectionOperations;
import io.edakit.channel.ChannelComponent;
import io.edakit.config.Settings;
import io.edakit.deadletter.RedriveSettings;
import io.edakit.routes.eventstore.EventStores;
import io.edakit.routes.projection.ProjectionStores;
import io.edakit.routes.saga.SagaEngines;
import io.edakit.routes.templates.DeadLetterChannels;
import io.edakit.routes.workflow.WorkflowRunners;
import io.edakit.saga.SagaState;
import io.edakit.transport.ChannelAdmin.ChannelDepth;
import io.edakit.workflow.durable.WorkflowStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges operators alert on, read in the background every {@code edakit.metrics.gauge-refresh}
 * (a scrape returns the last reading and never waits for a broker or a database):
 *
 * <ul>
 *   <li>{@value #DEAD_LETTERS}{@code {channel}}: messages waiting in each dead-letter channel, as
 *       {@code dlq list} lists them (declared ones at 0 too); one broker round trip per reading;</li>
 *   <li>{@value #SAGAS}{@code {state}}: sagas in each state (every state, 0 included), when the
 *       application runs sagas; one aggregate query of the saga log, which instances share, so
 *       every instance reports the same numbers (take {@code max}, not {@code sum});</li>
 *   <li>{@value #CONSUMER_LAG}{@code {route,channel,group}}: records the consumer group of each of
 *       this instance's Kafka consumers has not settled yet (end offsets minus the group's committed
 *       offsets, read from the broker: right also when the consumer is stuck and polls no more);
 *       every member of a group reports the group's lag (take {@code max}).</li>
 *   <li>{@value #WORKFLOWS}{@code {status}}: workflow executions in the workflow store per status
 *       (every status, 0 included), when the application runs workflows; like the sagas' gauge, one
 *       aggregate query of a shared store (take {@code max}). The runner's own counters and timer
 *       lag are {@link WorkflowMeters}.</li>
 *   <li>{@value #PROJECTION_LAG}{@code {projection}}: events each projection has not projected yet
 *       (the event store's head position minus its checkpoint), and {@value #PROJECTION_LAG_AGE}
 *       {@code {projection}} (seconds): how long the oldest of them has waited since it was recorded
 *       (0 when caught up), when the application runs projections; the head, the checkpoints and
 *       one point read by position per lagging projection, from the shared store (take {@code max}).
 *       Both count from the durable checkpoint, so they may show up to one batch the running
 *       instance handled but has not checkpointed yet.</li>
 * </ul>
 *
 * A reading that fails (broker unreachable) keeps the previous values and is logged at DEBUG; the
 * transport health check reports the broker.
 */
public final class OperationalGauges extends MainListenerSupport {

    public static final String DEAD_LETTERS = "edakit.dead.letters.waiting";
    public static final String SAGAS = "edakit.sagas";
    public static final String CONSUMER_LAG = "edakit.kafka.consumer.lag";
    public static final String WORKFLOWS = "edakit.workflows";
    public static final String PROJECTION_LAG = "edakit.projection.lag";
    public static final String PROJECTION_LAG_AGE = "edakit.projection.lag.age";

    private static final Logger LOG = LoggerFactory.getLogger(OperationalGauges.class);

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        try {
            // once every route runs (the meter registry and the channel component exist by then);
            // Main's own afterStart is called only by run(), not by an embedding start()
            camel.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    start(context);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("the gauges could not be set up: " + e.getMessage(), e);
        }
    }

    private void start(CamelContext camel) {
        MeterRegistry registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null || camel.hasComponent("channel") == null) {
            return;
        }
        WorkflowRunners.existing(camel).ifPresent(runner -> runner.observe(new WorkflowMeters(registry)));
        Readings readings = new Readings(camel, registry);
        ScheduledExecutorService timer = camel.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "edakit-gauges");
        long every = Settings.of(camel).get(GaugeSettings.GROUP).refresh().toMillis();
        timer.scheduleWithFixedDelay(readings::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    /** The gauges and how each is read. */
    private static final class Readings {
        private final CamelContext camel;
        private final MultiGauge deadLetters;
        private final MultiGauge sagas;
        private final MultiGauge lag;
        private final MultiGauge workflows;
        private final MultiGauge projectionLag;
        private final MultiGauge projectionLagAge;

        Readings(CamelContext camel, MeterRegistry registry) {
            this.camel = camel;
            deadLetters = MultiGauge.builder(DEAD_LETTERS).description("Messages waiting in each dead-letter channel")
                    .register(registry);
            sagas = MultiGauge.builder(SAGAS).description("Sagas in the saga log per state").register(registry);
            lag = MultiGauge.builder(CONSUMER_LAG).description("Records each Kafka consumer group has not settled "
                    + "yet (end offset minus committed offset)").register(registry);
            workflows = MultiGauge.builder(WORKFLOWS).description("Workflow executions in the workflow store per status")
                    .register(registry);
            projectionLag = MultiGauge.builder(PROJECTION_LAG).description("Events each projection has not projected "
                    + "yet (event store head position minus the projection's checkpoint)").register(registry);
            projectionLagAge = MultiGauge.builder(PROJECTION_LAG_AGE).baseUnit("seconds").description("How long the "
                    + "oldest event each projection has not projected yet has waited since it was recorded")
                    .register(registry);
        }

        void refresh() {
            read("dead letters", this::readDeadLetters);
            read("sagas", this::readSagas);
            read("consumer lag", this::readLag);
            read("workflows", this::readWorkflows);
            read("projection lag", this::readProjections);
        }

        private void readProjections() {
            ProjectionStores.existing(camel).ifPresent(store -> {
                List<ProjectionOperations.Listed> listed = new ProjectionOperations(EventStores.forContext(camel), store,
                        Clock.systemUTC()).list();
                projectionLag.register(listed.stream().<MultiGauge.Row<?>>map(projection -> MultiGauge.Row.of(
                        Tags.of("projection", projection.state().name()), projection.lag())).toList(), true);
                projectionLagAge.register(listed.stream().<MultiGauge.Row<?>>map(projection -> MultiGauge.Row.of(
                        Tags.of("projection", projection.state().name()), projection.lagAge().toMillis() / 1000.0))
                        .toList(), true);
            });
        }

        private void readWorkflows() {
            WorkflowRunners.existing(camel).ifPresent(runner -> {
                Map<WorkflowStatus, Long> counts = runner.store().countByStatus();
                workflows.register(Arrays.stream(WorkflowStatus.values()).<MultiGauge.Row<?>>map(status -> MultiGauge.Row.of(
                        Tags.of("status", status.label()), counts.getOrDefault(status, 0L))).toList(), true);
            });
        }

        private void read(String what, Runnable reading) {
            try {
                reading.run();
            } catch (RuntimeException e) {
                LOG.debug("Could not read the {} gauge; keeping the last values: {}", what, e.toString());
            }
        }

        private void readDeadLetters() {
            ChannelComponent channels = camel.getComponent("channel", ChannelComponent.class);
            Set<String> declared = DeadLetterChannels.registered(camel);
            List<ChannelDepth> depths;
            try {
                depths = new DeadLetterOperations(channels.transport(),
                        Settings.of(camel).get(RedriveSettings.GROUP).maxRedrives(), declared).list();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            depths.forEach(depth -> rows.add(MultiGauge.Row.of(Tags.of("channel", depth.channel()), depth.waiting())));
            deadLetters.register(rows, true);
        }

        private void readSagas() {
            SagaEngines.existing(camel).ifPresent(engine -> {
                Map<SagaState, Long> counts = engine.log().countByState();
                sagas.register(Arrays.stream(SagaState.values()).<MultiGauge.Row<?>>map(state -> MultiGauge.Row.of(
                        Tags.of("state", state.label()), counts.getOrDefault(state, 0L))).toList(), true);
            });
        }

        private void readLag() {
            ChannelComponent channels = camel.getComponent("channel", ChannelComponent.class);
            List<ChannelComponent.ConsumerLag> lags;
            try {
                lags = channels.consumerLags();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            lag.register(lags.stream().<MultiGauge.Row<?>>map(consumer -> MultiGauge.Row.of(
                    Tags.of("route", String.valueOf(consumer.routeId()), "channel", consumer.channel(),
                            "group", consumer.group()), consumer.lag())).toList(), true);
        }
    }
}
