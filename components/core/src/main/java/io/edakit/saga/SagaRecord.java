package io.edakit.saga;

import java.time.Instant;
import java.util.Map;

/**
 * A saga as the log holds it: the input it started from (body and string headers, passed to every
 * action and compensation), its state, and who works on it.
 *
 * @param definition the saga definition (template instance) it follows, or {@link #CAMEL_SAGA}
 * @param deadline   when it times out and is compensated, if still running
 * @param owner      the token of the claim working on it: an instance name and a claim number (null
 *                   after an operator request, until an instance claims it)
 */
public record SagaRecord(String id, String definition, SagaState state, byte[] payload, Map<String, String> headers,
                         Instant startedAt, Instant deadline, Instant updatedAt, String owner, boolean outcomePublished) {

    /** The definition name of sagas begun by Camel's Saga EIP through {@link DurableSagaService}. */
    public static final String CAMEL_SAGA = "camel-saga-eip";

    public SagaRecord {
        headers = Map.copyOf(headers);
    }
}
