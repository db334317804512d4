package io.edakit.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.edakit.failure.Backoff;
import io.edakit.saga.SagaEvent.Kind;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.SagaPropagation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Camel's own Saga EIP on the durable service: the log records, compensates and completes. */
class DurableSagaServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Participants participants = new Participants();
    private CamelContext camel;
    private JdbcSagaLog log;
    private SagaEngine engine;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        log = JdbcSagaLog.open("jdbc:h2:mem:camel-saga-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        engine = new SagaEngine(log, new StepCaller(camel, camel.createProducerTemplate()), "instance-a",
                Duration.ofSeconds(1), 4, Duration.ofMillis(100), Clock.systemUTC());
        camel.addService(new DurableSagaService(engine, Duration.ofMinutes(1), 3, new Backoff(10, 2, 50, 0),
                Duration.ofSeconds(5)));
        camel.addRoutes(participants.routes("cancel-order", "order-done", "refund-credit", "failing-step"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:buy").saga()
                        .to("direct:new-order")
                        .to("direct:reserve-credit");
                from("direct:new-order").saga().propagation(SagaPropagation.MANDATORY)
                        .option("orderId", header("orderId"))
                        .compensation("direct:cancel-order").completion("direct:order-done")
                        .log("order created");
                from("direct:reserve-credit").saga().propagation(SagaPropagation.MANDATORY)
                        .compensation("direct:refund-credit")
                        .choice().when(header("fail").isEqualTo(true)).to("direct:failing-step").end();
            }
        });
        participants.failAlways("failing-step");
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        engine.close();
        log.close();
    }

    private ProducerTemplate producer() {
        return camel.createProducerTemplate();
    }

    @Test
    void aSagaWhoseRouteSucceedsIsCompletedThroughTheLog() {
        producer().sendBodyAndHeaders("direct:buy", "order", Map.of("orderId", "o-1", "fail", false));

        await().atMost(WAIT).until(() -> participants.calls().stream().anyMatch(call -> call.endpoint().equals("order-done")));
        SagaRecord saga = onlySaga();
        await().atMost(WAIT).until(() -> engine.state(saga.id()).orElseThrow() == SagaState.COMPLETED);
        assertThat(participants.endpointsCalled(saga.id())).containsExactly("order-done");
        assertThat(log.timeline(saga.id())).extracting(SagaEvent::kind).filteredOn(kind -> kind == Kind.STEP_ENLISTED).hasSize(2);
    }

    @Test
    void aSagaWhoseRouteFailsIsCompensatedLastStepFirstWithTheOptionsAsHeaders() {
        assertThatThrownBy(() -> producer().sendBodyAndHeaders("direct:buy", "order", Map.of("orderId", "o-2", "fail", true)))
                .isInstanceOf(CamelExecutionException.class);

        SagaRecord saga = onlySaga();
        await().atMost(WAIT).until(() -> engine.state(saga.id()).orElseThrow() == SagaState.COMPENSATED);
        assertThat(participants.endpointsCalled(saga.id())).containsExactly("refund-credit", "cancel-order");
        assertThat(participants.calls()).filteredOn(call -> call.endpoint().equals("cancel-order"))
                .extracting(Participants.Call::phase).containsExactly("compensation");
    }

    @Test
    void aSagaLeftRunningByADeadProcessIsCompensated() {
        String sagaId = UUID.randomUUID().toString();
        Instant past = Instant.now().minusSeconds(60);
        Instant held = Instant.now().plusSeconds(1); // no takeover while the test writes the dead one's log
        log.start(new SagaRecord(sagaId, SagaRecord.CAMEL_SAGA, SagaState.RUNNING, new byte[0], Map.of(), past,
                Instant.now().plusSeconds(600), past, "crashed-instance", false), held);
        log.append(sagaId, "crashed-instance", SagaEvent.step(Kind.STEP_ENLISTED, "step-1", 0, past,
                new CamelSagaPlan.Enlistment("direct:cancel-order", null, Map.of("orderId", "o-3")).toJson()), held);

        await().atMost(WAIT).until(() -> engine.state(sagaId).orElseThrow() == SagaState.COMPENSATED);
        assertThat(participants.endpointsCalled(sagaId)).containsExactly("cancel-order");
    }

    private SagaRecord onlySaga() {
        List<SagaRecord> sagas = log.list(Optional.empty(), 10);
        assertThat(sagas).hasSize(1);
        return sagas.get(0);
    }
}
