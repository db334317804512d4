package io.edakit.routes.saga;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.edakit.failure.PoisonMessageException;
import io.edakit.routes.metrics.TemplateMetrics;
import io.edakit.saga.SagaEngine;
import io.edakit.saga.SagaRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Starts a saga from the message: its id (by default the envelope id, so the same event delivered
 * twice starts one saga) and its body and envelope headers, the input every step receives. The
 * message is acknowledged once the saga is in the log; the steps run afterwards, on the engine.
 */
public final class SagaStarter implements Processor {

    /** Exchange property: the saga's id. */
    public static final String SAGA_ID = "EdakitSagaId";
    /** Exchange property: true when a saga with this id existed already (nothing was started). */
    public static final String DUPLICATE = "EdakitSagaDuplicate";

    private final SagaEngine engine;
    private final String saga;
    private final Expression sagaId;
    private final Duration timeout;

    public SagaStarter(SagaEngine engine, String saga, Expression sagaId, Duration timeout) {
        this.engine = engine;
        this.saga = saga;
        this.sagaId = sagaId;
        this.timeout = timeout;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String id = sagaId.evaluate(exchange, String.class);
        if (id == null || id.isBlank()) {
            throw new PoisonMessageException("the message gives no saga id (the envelope id, by default)");
        }
        byte[] payload = message.getBody(byte[].class);
        Optional<SagaRecord> existing = engine.start(saga, id, payload == null ? new byte[0] : payload,
                inputHeaders(message), timeout);
        if (existing.isPresent() && !existing.get().definition().equals(saga)) {
            throw new PoisonMessageException("saga id " + id + " is taken by a saga of '" + existing.get().definition()
                    + "': when several saga templates start from the same events, give each a saga-id of its own, "
                    + "such as " + saga + "-${header.ce_id}");
        }
        exchange.setProperty(SAGA_ID, id);
        exchange.setProperty(DUPLICATE, existing.isPresent());
        if (existing.isPresent()) {
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
