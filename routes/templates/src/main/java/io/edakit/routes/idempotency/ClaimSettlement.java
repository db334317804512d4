package io.edakit.routes.idempotency;

import io.edakit.deadletter.DeadLetterPreparer;
import io.edakit.idempotency.IdempotencyStore;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;

/**
 * Settles a claim when its exchange is done: confirms it (and advances the scope's position) after
 * the handler succeeded; releases it when the message was dead-lettered or failed, so that the
 * message is handled when it comes back (redelivery, redrive). See {@link IdempotencyGuard}.
 *
 * <p>A store failure here is logged, not thrown: the message's fate is decided already. The cost
 * is bounded: an unreleased key makes a redelivery a duplicate until its window passes; an
 * unadvanced position lets one older event through.
 */
final class ClaimSettlement extends SynchronizationAdapter {

    private static final String SCOPE = "EdakitOrderingScope";
    private static final String POSITION = "EdakitOrderingPosition";

    private final IdempotencyStore store;
    private final String key;
    private final Logger log;

    ClaimSettlement(IdempotencyStore store, String key, Logger log) {
        this.store = store;
        this.key = key;
        this.log = log;
    }

    /** Marks the exchange's event to advance its scope to {@code position} once handled. */
    static void advanceOnSuccess(Exchange exchange, String scope, long position) {
        exchange.setProperty(SCOPE, scope);
        exchange.setProperty(POSITION, position);
    }

    @Override
    public void onComplete(Exchange exchange) {
        try {
            if (exchange.getProperty(DeadLetterPreparer.DEAD_LETTERED, false, Boolean.class)) {
                store.release(key); // a redrive of the dead letter must be handled, not dropped
                return;
            }
            store.confirm(key);
            String scope = exchange.getProperty(SCOPE, String.class);
            if (scope != null && exchange.getProperty(IdempotencyGuard.VERDICT) == null) {
                store.advance(scope, exchange.getProperty(POSITION, Long.class));
            }
        } catch (RuntimeException e) {
            log.warn("could not settle idempotency key {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void onFailure(Exchange exchange) {
        try {
            store.release(key); // the transport delivers it again: that must not count as a duplicate
        } catch (RuntimeException e) {
            log.warn("could not release idempotency key {}: {}", key, e.getMessage());
        }
    }
}
