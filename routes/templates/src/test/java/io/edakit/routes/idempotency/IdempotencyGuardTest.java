package io.edakit.routes.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.edakit.idempotency.ClaimResult;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.idempotency.MemoryIdempotencyStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.builder.ExpressionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery that finds its key held by another, unfinished delivery: it waits for that one's
 * outcome instead of being dropped, which is what keeps a Kafka redelivery after a crash (delivery
 * count 1 in the new consumer) from being lost as a "duplicate".
 */
class IdempotencyGuardTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);

    private final CamelContext camel = new DefaultCamelContext();
    private final IdempotencyStore store = new MemoryIdempotencyStore(1_000);
    private final MovableClock clock = new MovableClock(T0);

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void aDeliveryWhoseHolderDiedIsHandledOnceTheHoldersLeaseLapses() {
        assertThat(store.claim("order-1", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED); // then the holder crashed
        Exchange redelivery = delivery("order-1");
        CompletableFuture<Void> guarded = CompletableFuture.runAsync(() -> guard(InProgressWait.LONGEST_WAIT).process(redelivery));

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !guarded.isDone());
        clock.set(T0.plus(IdempotencyStore.IN_PROGRESS_LEASE).plusSeconds(1));

        await().atMost(Duration.ofSeconds(5)).until(guarded::isDone);
        assertThat(redelivery.getProperty(IdempotencyGuard.CLAIMED_KEY)).isEqualTo("order-1");
        assertThat(redelivery.getProperty(IdempotencyGuard.VERDICT)).isNull();
        assertThat(redelivery.isRouteStop()).isFalse();
    }

    @Test
    void aDuplicateArrivingWhileTheOriginalIsHandledIsDroppedOnceTheOriginalSucceeds() {
        store.claim("order-2", T0, WINDOW);
        Exchange duplicate = delivery("order-2");
        CompletableFuture<Void> guarded = CompletableFuture.runAsync(() -> guard(InProgressWait.LONGEST_WAIT).process(duplicate));

        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !guarded.isDone());
        store.confirm("order-2");

        await().atMost(Duration.ofSeconds(5)).until(guarded::isDone);
        assertThat(duplicate.getProperty(IdempotencyGuard.VERDICT)).isEqualTo("duplicate");
        assertThat(duplicate.isRouteStop()).isTrue();
        assertThat(duplicate.isRollbackOnly()).isFalse();
    }

    @Test
    void aDuplicateArrivingWhileTheOriginalFailsIsHandledInstead() {
        store.claim("order-3", T0, WINDOW);
        Exchange duplicate = delivery("order-3");
        CompletableFuture<Void> guarded = CompletableFuture.runAsync(() -> guard(InProgressWait.LONGEST_WAIT).process(duplicate));

        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !guarded.isDone());
        store.release("order-3");

        await().atMost(Duration.ofSeconds(5)).until(guarded::isDone);
        assertThat(duplicate.getProperty(IdempotencyGuard.CLAIMED_KEY)).isEqualTo("order-3");
        assertThat(duplicate.isRouteStop()).isFalse();
    }

    @Test
    void aWaitThatRunsOutHandsTheMessageBackUnacknowledgedRatherThanDroppingIt() {
        store.claim("order-4", T0, WINDOW);
        Exchange waiting = delivery("order-4");

        guard(Duration.ofMillis(50)).process(waiting);

        assertThat(waiting.isRollbackOnly()).isTrue();
        assertThat(waiting.getProperty(IdempotencyGuard.VERDICT)).isNull();
        assertThat(waiting.getProperty(IdempotencyGuard.CLAIMED_KEY)).isNull();
        // the holder keeps its claim: the message handed back meets the same rules when it returns
        assertThat(store.claim("order-4", T0, WINDOW)).isEqualTo(ClaimResult.IN_PROGRESS);
    }

    private IdempotencyGuard guard(Duration longestWait) {
        return new IdempotencyGuard(store, "orders", ExpressionBuilder.headerExpression("id"), WINDOW,
                OrderingMode.OFF, null, null, false, clock, new InProgressWait(longestWait));
    }

    private Exchange delivery(String id) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader("id", id);
        exchange.getIn().setBody("{}");
        return exchange;
    }

    /** A clock the test moves, so the lease lapses without waiting two minutes. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
