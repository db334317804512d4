package io.edakit.routes.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

import io.edakit.channel.ChannelHeaders;
import io.edakit.deadletter.PoisonMessageException;
import io.edakit.idempotency.ClaimResult;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.routes.metrics.TemplateMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step of the idempotent-consumer template that runs before the handler: claims the message's
 * key, drops duplicates, and (with ordering on) holds back events older than the last one handled
 * in their scope.
 *
 * <p><b>Claims and retries.</b> The claim is taken once per delivery and given back only when the
 * delivery ends without an effect:
 * <ul>
 * <li>Camel's error handler retries the failed step, not the route, so a handler retry does not
 *     pass here again. Should this step itself be retried (the store failed after the claim), the
 *     exchange property {@link #CLAIMED_KEY} shows the claim is already this exchange's, so the
 *     retry is not mistaken for a duplicate.</li>
 * <li>The claim is settled when the exchange is done (a {@link ClaimSettlement} on its unit of
 *     work): handled → confirmed; dead-lettered or failed (the transport redelivers) → released, so
 *     the redelivery, or a redrive from the dead-letter channel, is handled rather than dropped.</li>
 * <li>While a delivery holds its claim, another delivery of the same key (a redelivery after a
 *     rebalance, a duplicate sent meanwhile) is a duplicate: the holder either succeeds, or
 *     releases the key and its own message is delivered again.</li>
 * </ul>
 *
 * <p><b>Stale events.</b> The check reads the scope's last position; the position advances only
 * when the handler succeeded (in the settlement). Advancing up front would make a failed event
 * stale to its own redelivery. Events of one scope should therefore share an ordering key, so they
 * are handled one after another; concurrent events of one scope are each judged against the last
 * one finished.
 */
public final class IdempotencyGuard implements Processor {

    /** Exchange property: the key this exchange has claimed. */
    public static final String CLAIMED_KEY = "EdakitIdempotencyKey";
    /** Exchange property: {@code duplicate}, {@code stale} or {@code late} when the handler is not called. */
    public static final String VERDICT = "EdakitIdempotencyVerdict";
    public static final String LATE = "late";

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyGuard.class);

    private final IdempotencyStore store;
    private final String channel;
    private final Expression key;
    private final Duration window;
    private final OrderingMode ordering;
    private final Expression scope;
    private final Expression position;
    private final boolean logDrops;
    private final Clock clock;

    public IdempotencyGuard(IdempotencyStore store, String channel, Expression key, Duration window,
                            OrderingMode ordering, Expression scope, Expression position, boolean logDrops, Clock clock) {
        this.store = store;
        this.channel = channel;
        this.key = key;
        this.window = window;
        this.ordering = ordering;
        this.scope = scope;
        this.position = position;
        this.logDrops = logDrops;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        // read everything that can be malformed before claiming, so a poison message holds no claim
        String messageKey = text(key.evaluate(exchange, String.class), "idempotency key");
        String eventScope = null;
        long eventPosition = 0;
        if (ordering != OrderingMode.OFF) {
            // no scope: nothing to be stale against (an event outside any ordered sequence)
            eventScope = scope.evaluate(exchange, String.class);
            if (eventScope != null && !eventScope.isBlank()) {
                eventPosition = Positions.parse(position.evaluate(exchange, Object.class));
            } else {
                eventScope = null;
            }
        }

        if (exchange.getProperty(CLAIMED_KEY) == null) {
            // a redelivery means its first delivery was never acknowledged: a claim left unconfirmed
            // by it belongs to a consumer that crashed or failed, and is taken over
            int deliveryCount = exchange.getMessage().getHeader(ChannelHeaders.DELIVERY_COUNT, 1, Integer.class);
            ClaimResult claim = deliveryCount > 1 ? store.reclaim(messageKey, clock.instant(), window)
                    : store.claim(messageKey, clock.instant(), window);
            if (claim == ClaimResult.DUPLICATE) {
                drop(exchange, "duplicate", messageKey);
                return;
            }
            exchange.setProperty(CLAIMED_KEY, messageKey);
            exchange.getExchangeExtension().addOnCompletion(new ClaimSettlement(store, messageKey, LOG));
        }

        if (eventScope != null) {
            OptionalLong last = store.lastPosition(eventScope);
            if (last.isPresent() && eventPosition <= last.getAsLong()) {
                if (ordering == OrderingMode.LATE) {
                    exchange.setProperty(VERDICT, LATE); // the route sends it to <channel>.late
                } else {
                    drop(exchange, "stale", messageKey);
                }
                return;
            }
            ClaimSettlement.advanceOnSuccess(exchange, eventScope, eventPosition);
        }
    }

    private void drop(Exchange exchange, String verdict, String messageKey) {
        exchange.setProperty(VERDICT, verdict);
        exchange.setProperty(TemplateMetrics.DROPPED, true);
        exchange.setRouteStop(true); // acknowledged, not handled
        if (logDrops) {
            LOG.info("{} event dropped: channel {}, key {}", verdict, channel, messageKey);
        } else {
            LOG.debug("{} event dropped: channel {}, key {}", verdict, channel, messageKey);
        }
    }

    private static String text(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("the message has no " + what);
        }
        return value;
    }
}
