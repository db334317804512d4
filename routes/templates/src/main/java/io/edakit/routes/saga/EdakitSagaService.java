package io.edakit.routes.saga;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.edakit.failure.Backoff;
import io.edakit.saga.DurableSagaService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaService;
import org.apache.camel.saga.CamelSagaStep;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Durable sagas for Camel's own {@code .saga()} EIP, configured by the {@code edakit.saga.*}
 * settings: add it where Camel's in-memory service would go,
 * <pre>
 * context.addService(new EdakitSagaService());                                  // Java
 * camel.beans.sagaService = #class:io.edakit.routes.saga.EdakitSagaService      # Camel Main properties
 * </pre>
 * and every saga the routes begin is kept in the saga log with its steps' compensation and
 * completion endpoints (see {@link DurableSagaService}). Bound as a bean, it adds itself to the
 * context's services so that sagas a crashed process left behind are compensated from startup on.
 */
public final class EdakitSagaService extends ServiceSupport implements CamelSagaService {

    private static final int ATTEMPTS = 10;
    private static final Backoff BACKOFF = new Backoff(1_000, 2, 60_000, 0.1);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private CamelContext camelContext;
    private DurableSagaService delegate;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        boolean first = this.camelContext == null;
        this.camelContext = camelContext;
        if (first && !camelContext.hasService(this)) {
            try {
                camelContext.addService(this, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot add the edakit saga service to Camel", e);
            }
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    protected void doStart() {
        delegate();
    }

    private synchronized DurableSagaService delegate() {
        if (delegate == null) {
            delegate = new DurableSagaService(SagaEngines.forContext(camelContext), DurableSagaService.DEFAULT_TIMEOUT,
                    ATTEMPTS, BACKOFF, CALL_TIMEOUT);
            delegate.setCamelContext(camelContext);
        }
        return delegate;
    }

    @Override
    public CompletableFuture<CamelSagaCoordinator> newSaga(Exchange exchange) {
        return delegate().newSaga(exchange);
    }

    @Override
    public CompletableFuture<CamelSagaCoordinator> getSaga(String sagaId) {
        return delegate().getSaga(sagaId);
    }

    @Override
    public void registerStep(CamelSagaStep step) {
        delegate().registerStep(step);
    }
}
