package io.edakit.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.edakit.failure.Backoff;
import io.edakit.saga.SagaEvent.Kind;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The orchestrated saga on in-process participants and an H2 saga log: order, compensation in
 * reverse, retries, parking, operator retry, timeouts and resuming a saga whose owner died.
 */
class SagaEngineTest {

    private static final String ORDER = "{\"order\":42}";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Participants participants = new Participants();
    private final Queue<String> outcomes = new ConcurrentLinkedQueue<>();
    private CamelContext camel;
    private String logUrl;
    private JdbcSagaLog log;
    private SagaEngine engine;
    private SagaDefinition definition;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(participants.routes("reserve", "release", "charge", "refund", "ship"));
        camel.start();
        logUrl = "jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        log = JdbcSagaLog.open(logUrl, "sa", "", 8);
        engine = engine("instance-a");
        definition = definition(Duration.ofMinutes(1));
        register(engine);
    }

    private SagaEngine engine(String owner) {
        return engine(owner, log);
    }

    private SagaEngine engine(String owner, SagaLog on) {
        return new SagaEngine(on, new StepCaller(camel, camel.createProducerTemplate()), owner, Duration.ofSeconds(1), 4,
                Duration.ofMillis(100), Clock.systemUTC());
    }

    private static SagaDefinition definition(Duration timeout) {
        return new SagaDefinition("order-saga", List.of(
                new SagaStep("reserve-inventory", "direct:reserve", "direct:release", Duration.ofSeconds(5), 1, Duration.ofMillis(10)),
                new SagaStep("charge-payment", "direct:charge", "direct:refund", Duration.ofSeconds(5), 1, Duration.ofMillis(10)),
                new SagaStep("schedule-shipping", "direct:ship", null, Duration.ofSeconds(5), 1, Duration.ofMillis(10))),
                timeout, 4, new Backoff(10, 2, 50, 0));
    }

    private void register(SagaEngine target) {
        target.register("order-saga", new DefinitionPlan(definition),
                (saga, outcome) -> outcomes.add(saga.id() + ":" + outcome.label()));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        log.close();
        camel.close();
    }

    private String startSaga() {
        String sagaId = "order-" + UUID.randomUUID();
        assertThat(engine.start("order-saga", sagaId, ORDER.getBytes(StandardCharsets.UTF_8), Map.of("ce_type", "order.placed"),
                definition.timeout())).isEmpty();
        return sagaId;
    }

    private SagaState awaitEnd(String sagaId) {
        await().atMost(WAIT).until(() -> !engine.state(sagaId).orElseThrow().active()
                && log.find(sagaId).orElseThrow().outcomePublished());
        return engine.state(sagaId).orElseThrow();
    }

    @Test
    void theHappyPathRunsEveryActionOnceInOrderWithTheSagaHeaders() {
        String sagaId = startSaga();

        assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPLETED);
        assertThat(participants.endpointsCalled(sagaId)).containsExactly("reserve", "charge", "ship");
        assertThat(participants.calls()).allSatisfy(call -> {
            assertThat(call.phase()).isEqualTo("action");
            assertThat(call.attempt()).isEqualTo(1);
            assertThat(call.body()).isEqualTo(ORDER);
        });
        assertThat(participants.calls()).extracting(Participants.Call::stepId)
                .containsExactly("reserve-inventory", "charge-payment", "schedule-shipping");
        assertThat(outcomes).containsExactly(sagaId + ":completed");
    }

    @Test
    void theSameStartTwiceRunsOneSaga() {
        String sagaId = startSaga();
        assertThat(engine.start("order-saga", sagaId, ORDER.getBytes(StandardCharsets.UTF_8), Map.of(), definition.timeout()))
                .hasValueSatisfying(existing -> assertThat(existing.definition()).isEqualTo("order-saga"));
        awaitEnd(sagaId);
        assertThat(participants.endpointsCalled(sagaId)).containsExactly("reserve", "charge", "ship");
    }

    @ParameterizedTest(name = "step {0} fails")
    @ValueSource(ints = {0, 1, 2})
    void aFailingStepIsRetriedThenEveryStepThatStartedIsCompensatedLastFirst(int failing) {
        String[] actions = {"reserve", "charge", "ship"};
        participants.failAlways(actions[failing]);
        String sagaId = startSaga();

        assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPENSATED);
        List<String> expected = new java.util.ArrayList<>(List.of(actions).subList(0, failing));
        expected.add(actions[failing]);
        expected.add(actions[failing]); // one retry
        List<String> compensations = List.of("release", "refund", "none");
        for (int step = failing; step >= 0; step--) {
            if (!compensations.get(step).equals("none")) {
                expected.add(compensations.get(step));
            }
        }
        assertThat(participants.endpointsCalled(sagaId)).containsExactlyElementsOf(expected);
        assertThat(outcomes).containsExactly(sagaId + ":compensated");
    }

    @Test
    void aCompensationIsRetriedWithBackoffUntilItSucceeds() {
        participants.failAlways("ship");
        participants.failTimes("release", 2);
        String sagaId = startSaga();

        assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPENSATED);
        assertThat(participants.calls()).filteredOn(call -> call.endpoint().equals("release"))
                .extracting(Participants.Call::attempt).containsExactly(1, 2, 3);
        assertThat(SagaProgress.of(log.timeline(sagaId)).step("reserve-inventory").compensation().succeeded())
                .isTrue();
    }

    @Test
    void aCompensationThatKeepsFailingParksTheSagaUntilAnOperatorRetriesIt() {
        participants.failAlways("charge");
        participants.failAlways("release");
        String sagaId = startSaga();

        assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.NEEDS_ATTENTION);
        assertThat(outcomes).containsExactly(sagaId + ":needs-attention");
        assertThat(participants.calls()).filteredOn(call -> call.endpoint().equals("release")).hasSize(4);

        participants.heal("release");
        assertThat(log.requestRetry(sagaId, Instant.now())).isTrue();
        assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPENSATED);
        // refund had succeeded before parking: not called again
        assertThat(participants.calls()).filteredOn(call -> call.endpoint().equals("refund")).hasSize(1);
        assertThat(outcomes).containsExactly(sagaId + ":needs-attention", sagaId + ":compensated");
    }

    @Test
    void aSagaThatOutlastsItsTimeoutIsCompensated() throws Exception {
        definition = definition(Duration.ofMillis(500));
        register(engine);
        participants.hold("charge");
        try {
            String sagaId = startSaga();
            assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPENSATED);
            assertThat(log.timeline(sagaId)).extracting(SagaEvent::kind).contains(Kind.TIMED_OUT);
            assertThat(participants.endpointsCalled(sagaId)).containsExactly("reserve", "charge", "refund", "release");
        } finally {
            participants.open("charge");
        }
    }

    @Test
    void aSagaWhoseOwnerDiedMidStepIsResumedThereWithTheSameIds() {
        String sagaId = "order-" + UUID.randomUUID();
        Instant past = Instant.now().minusSeconds(60);
        Instant held = Instant.now().plusSeconds(1); // no takeover while the test writes the dead one's log
        // what crashed instances left: reserve done, charge called twice, no answer recorded either
        // time (a crash does not use up the step's one retry)
        log.start(new SagaRecord(sagaId, "order-saga", SagaState.RUNNING, ORDER.getBytes(StandardCharsets.UTF_8), Map.of(),
                past, Instant.now().plusSeconds(60), past, "crashed-instance", false), held);
        log.append(sagaId, "crashed-instance", SagaEvent.step(Kind.ACTION_STARTED, "reserve-inventory", 1, past, null), held);
        log.append(sagaId, "crashed-instance", SagaEvent.step(Kind.ACTION_SUCCEEDED, "reserve-inventory", 1, past, null), held);
        log.append(sagaId, "crashed-instance", SagaEvent.step(Kind.ACTION_STARTED, "charge-payment", 1, past, null), held);
        log.append(sagaId, "crashed-instance", SagaEvent.step(Kind.ACTION_STARTED, "charge-payment", 2, past, null), held);

        assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPLETED);
        assertThat(participants.calls()).filteredOn(call -> sagaId.equals(call.sagaId()))
                .extracting(call -> call.stepId() + "#" + call.attempt())
                .containsExactly("charge-payment#3", "schedule-shipping#1");
        assertThat(log.find(sagaId).orElseThrow().owner()).startsWith("instance-a#");
        assertThat(log.timeline(sagaId)).extracting(SagaEvent::kind).contains(Kind.RESUMED);
    }

    @Test
    void twoInstancesOnOneLogRacingForTheSameOrphansRunEachOnce() {
        // what a crashed instance left: sagas whose reserve step succeeded, their lease lapsing at once
        Instant past = Instant.now().minusSeconds(60);
        Instant lapses = Instant.now().plusSeconds(1); // no takeover while the test writes the dead one's log
        List<String> orphans = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String sagaId = "order-" + UUID.randomUUID();
            log.start(new SagaRecord(sagaId, "order-saga", SagaState.RUNNING, ORDER.getBytes(StandardCharsets.UTF_8),
                    Map.of(), past, Instant.now().plusSeconds(60), past, "crashed-instance", false), lapses);
            log.append(sagaId, "crashed-instance", List.of(
                    SagaEvent.step(Kind.ACTION_STARTED, "reserve-inventory", 1, past, null),
                    SagaEvent.step(Kind.ACTION_SUCCEEDED, "reserve-inventory", 1, past, null)), lapses);
            orphans.add(sagaId);
        }
        // a second instance with a log of its own on the same database, as another process has
        try (JdbcSagaLog otherLog = JdbcSagaLog.open(logUrl, "sa", "", 8);
             SagaEngine other = engine("instance-b", otherLog)) {
            register(other);
            for (String sagaId : orphans) {
                assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPLETED);
            }
            for (String sagaId : orphans) {
                assertThat(participants.endpointsCalled(sagaId)).as(sagaId).containsExactly("charge", "ship");
                assertThat(log.timeline(sagaId)).as(sagaId).filteredOn(event -> event.kind() == Kind.RESUMED)
                        .singleElement().satisfies(resumed -> assertThat(resumed.detail()).isEqualTo(
                                log.find(sagaId).orElseThrow().owner()));
            }
            assertThat(outcomes).containsExactlyInAnyOrderElementsOf(
                    orphans.stream().map(sagaId -> sagaId + ":completed").toList());
        }
    }

    @Test
    void anOperatorCompensatingARunningSagaStopsItsWorkerEvenInTheSameInstance() {
        participants.hold("charge");
        String sagaId = startSaga();
        await().atMost(WAIT).until(() -> participants.endpointsCalled(sagaId).contains("charge"));

        assertThat(log.requestCompensation(sagaId, Instant.now())).isTrue();
        // this same instance takes the saga over with a new claim and compensates it ...
        await().atMost(WAIT).until(() -> participants.endpointsCalled(sagaId).contains("release"));
        // ... while the worker of the old claim still waits for charge; once answered, it may write nothing
        participants.open("charge");
        assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPENSATED);
        await().during(Duration.ofMillis(300)).atMost(WAIT)
                .until(() -> !participants.endpointsCalled(sagaId).contains("ship"));
        assertThat(participants.endpointsCalled(sagaId)).containsExactly("reserve", "charge", "refund", "release");
        assertThat(outcomes).containsExactly(sagaId + ":compensated");
    }

    @Test
    void aStoppedInstanceLetsGoOfItsSagasAndAnotherFinishesThem() throws Exception {
        participants.hold("charge");
        String sagaId = startSaga();
        await().atMost(WAIT).until(() -> participants.endpointsCalled(sagaId).contains("charge"));
        SagaEngine other = engine("instance-b");
        register(other);
        try {
            Thread stopper = new Thread(engine::close, "stopping-instance-a");
            stopper.start();
            // the engine stops taking steps, then waits for its busy worker: only then may the call in
            // flight answer, or this instance might go on to the next step itself before it stops
            await().atMost(WAIT).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
            participants.open("charge");
            stopper.join(WAIT.toMillis());
            assertThat(stopper.isAlive()).isFalse();

            // the other instance took the saga over and finished it, without repeating the charge
            assertThat(awaitEnd(sagaId)).isEqualTo(SagaState.COMPLETED);
            assertThat(participants.endpointsCalled(sagaId)).containsExactly("reserve", "charge", "ship");
            assertThat(log.find(sagaId).orElseThrow().owner()).startsWith("instance-b#");
            assertThat(log.timeline(sagaId)).filteredOn(event -> event.kind() == Kind.RESUMED)
                    .singleElement().satisfies(resumed -> assertThat(resumed.detail()).startsWith("instance-b#"));
            assertThat(outcomes).containsExactly(sagaId + ":completed");
        } finally {
            other.close();
        }
    }
}
