package io.edakit.saga;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.failure.Backoff;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaService;
import org.apache.camel.saga.CamelSagaStep;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A {@link CamelSagaService} for Camel's own {@code .saga()} EIP whose sagas live in edakit's saga
 * log instead of memory: bind one as a bean (or {@code context.addService}) and every saga a route
 * begins is recorded, each step's compensation and completion endpoints with it. If the process
 * dies before a saga ends, another instance (or this one restarted) compensates the steps that had
 * begun; a saga its routes do not end within its timeout is compensated too. Compensations and
 * completions are retried with backoff and, past their attempts, the saga is parked as
 * {@code needs-attention}, visible with {@code edakit.jar saga list}.
 *
 * <p>The caller stays as in Camel: {@code compensate()} and {@code complete()} return once the
 * saga's end is recorded; the calls themselves run on the engine's workers.
 */
public final class DurableSagaService extends ServiceSupport implements CamelSagaService {

    /** Saga timeout when neither the route nor the service sets one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final SagaEngine engine;
    private final Duration defaultTimeout;
    private final AtomicInteger stepNumber = new AtomicInteger();
    private CamelContext camelContext;

    /**
     * @param attempts how often each compensation (or completion) is tried before the saga is parked
     */
    public DurableSagaService(SagaEngine engine, Duration defaultTimeout, int attempts, Backoff backoff,
                              Duration callTimeout) {
        this.engine = engine;
        this.defaultTimeout = defaultTimeout;
        engine.register(SagaRecord.CAMEL_SAGA, new CamelSagaPlan(attempts, backoff, callTimeout), SagaOutcomes.NONE);
    }

    @Override
    public CompletableFuture<CamelSagaCoordinator> newSaga(Exchange exchange) {
        String sagaId = UUID.randomUUID().toString();
        try {
            engine.beginRouted(sagaId, defaultTimeout, Map.of());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(new Coordinator(sagaId));
    }

    @Override
    public CompletableFuture<CamelSagaCoordinator> getSaga(String sagaId) {
        // only sagas a route of this instance runs: a call of an orchestrated saga carries its id in
        // Long-Running-Action too, and a participant route with .saga() must not join that one
        return CompletableFuture.completedFuture(engine.routed(sagaId) ? new Coordinator(sagaId) : null);
    }

    @Override
    public void registerStep(CamelSagaStep step) {
        // steps are recorded per saga when they begin (beginStep), with the values of their options then
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    protected void doStop() {
        engine.unregister(SagaRecord.CAMEL_SAGA);
    }

    /** The coordinator of one saga: a handle on its log entry. */
    private final class Coordinator implements CamelSagaCoordinator {

        private final String sagaId;

        Coordinator(String sagaId) {
            this.sagaId = sagaId;
        }

        @Override
        public String getId() {
            return sagaId;
        }

        @Override
        public CompletableFuture<Void> beginStep(Exchange exchange, CamelSagaStep step) {
            if (step.isEmpty()) {
                return CompletableFuture.completedFuture(null); // nothing to compensate or complete
            }
            Map<String, String> options = new HashMap<>();
            try {
                for (Map.Entry<String, Expression> option : step.getOptions().entrySet()) {
                    Object value = option.getValue() == null ? null : option.getValue().evaluate(exchange, Object.class);
                    if (value != null) {
                        options.put(option.getKey(), String.valueOf(value));
                    }
                }
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new IllegalStateException("cannot evaluate a saga option", e));
            }
            String enlistment = new CamelSagaPlan.Enlistment(uri(step.getCompensation().orElse(null)),
                    uri(step.getCompletion().orElse(null)), options).toJson();
            String stepId = "step-" + stepNumber.incrementAndGet();
            try {
                return engine.enlist(sagaId, stepId, enlistment, step.getTimeoutInMilliseconds().map(Duration::ofMillis))
                        ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(new IllegalStateException("Cannot begin: saga " + sagaId
                                + " is not running any more"));
            } catch (RuntimeException e) {
                // Camel calls this inside future callbacks: a throw would be lost and the exchange hang
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletableFuture<Void> compensate(Exchange exchange) {
            return end(SagaState.COMPENSATING, SagaState.COMPENSATED);
        }

        @Override
        public CompletableFuture<Void> complete(Exchange exchange) {
            return end(SagaState.COMPLETING, SagaState.COMPLETED);
        }

        private CompletableFuture<Void> end(SagaState next, SagaState done) {
            SagaState state;
            try {
                if (engine.endRouted(sagaId, next)) {
                    return CompletableFuture.completedFuture(null);
                }
                state = engine.state(sagaId).orElse(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e); // see beginStep
            }
            // ending twice the same way is fine (a route and its caller both end it)
            return state == next || state == done ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new IllegalStateException("Cannot " + next.label()
                            + " saga " + sagaId + ": it is " + (state == null ? "unknown" : state.label())));
        }

        private String uri(Endpoint endpoint) {
            return endpoint == null ? null : endpoint.getEndpointUri();
        }
    }
}
