package io.edakit.routes.saga;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edakit.envelope.Envelope;
import io.edakit.routes.metrics.TemplateMetrics;
import io.edakit.saga.SagaEngine;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Starts a saga from the message: its envelope id becomes the saga id (so the same event delivered
 * twice starts one saga), its body and envelope headers become the input every step receives. The
 * message is acknowledged once the saga is in the log; the steps run afterwards, on the engine.
 */
public final class SagaStarter implements Processor {

    /** Exchange property: the saga's id. */
    public static final String SAGA_ID = "EdakitSagaId";
    /** Exchange property: true when a saga with this id existed already (nothing was started). */
    public static final String DUPLICATE = "EdakitSagaDuplicate";

    private final SagaEngine engine;
    private final String saga;
    private final Duration timeout;

    public SagaStarter(SagaEngine engine, String saga, Duration timeout) {
        this.engine = engine;
        this.saga = saga;
        this.timeout = timeout;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String sagaId = message.getHeader(Envelope.ID, String.class);
        if (sagaId == null || sagaId.isBlank()) {
            throw new IllegalStateException("the message has no envelope id: a saga needs one to start only once");
        }
        byte[] payload = message.getBody(byte[].class);
        boolean started = engine.start(saga, sagaId, payload == null ? new byte[0] : payload, inputHeaders(message), timeout);
        exchange.setProperty(SAGA_ID, sagaId);
        exchange.setProperty(DUPLICATE, !started);
        if (!started) {
            exchange.setProperty(TemplateMetrics.DROPPED, true);
        }
    }

    /** The headers steps receive: string-valued ones except Camel's own (which drive the source). */
    private static Map<String, String> inputHeaders(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel") && (value instanceof CharSequence || value instanceof Number
                    || value instanceof Boolean)) {
                headers.put(name, value.toString());
            }
        });
        return headers;
    }
}
