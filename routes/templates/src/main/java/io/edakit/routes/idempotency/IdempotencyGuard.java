package io.edakit.routes.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

import io.edakit.channel.ChannelHeaders;
import io.edakit.failure.PoisonMessageException;
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
 * <li>While a delivery holds its claim, another delivery of the same key (a duplicate sent
 *     meanwhile, a redelivery after a crash or rebalance) waits for the holder ({@link InProgressWait}):
 *     confirmed makes it a duplicate, released or gone (the holder died: its heartbeat went silent,
 *     or its lease lapsed) lets it claim the key.
 *     A redelivery the transport marks as one (delivery count above 1, Artemis) takes an unconfirmed
 *     claim over at once instead: its first delivery ended unacknowledged, so the claim is dead.</li>
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
    private final InProgressWait inProgress;

    public IdempotencyGuard(IdempotencyStore store, String channel, Expression key, Duration window,
                            OrderingMode ordering, Expression scope, Expression position, boolean logDrops, Clock clock) {
        this(store, channel, key, window, ordering, scope, position, logDrops, clock,
                new InProgressWait(InProgressWait.LONGEST_WAIT));
    }

    IdempotencyGuard(IdempotencyStore store, String channel, Expression key, Duration window, OrderingMode ordering,
                     Expression scope, Expression position, boolean logDrops, Clock clock, InProgressWait inProgress) {
        this.store = store;
        this.channel = channel;
        this.key = key;
        this.window = window;
        this.ordering = ordering;
        this.scope = scope;
        this.position = position;
        this.logDrops = logDrops;
        this.clock = clock;
        this.inProgress = inProgress;
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
                    : inProgress.await(() -> store.claim(messageKey, clock.instant(), window),
                            () -> exchange.getContext().isStopping());
            if (claim == ClaimResult.IN_PROGRESS) {
                handBack(exchange, messageKey);
                return;
            }
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

    /**
     * Another delivery still holds the key (the application is stopping, or the wait ran out): the
     * message is neither handled nor acknowledged, so the transport delivers it again later.
     */
    private void handBack(Exchange exchange, String messageKey) {
        LOG.warn("channel {}: key {} is still being handled by another delivery; this message will be delivered again",
                channel, messageKey);
        exchange.setRollbackOnly(true);
        exchange.setRouteStop(true);
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
