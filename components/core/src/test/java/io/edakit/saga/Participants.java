package io.edakit.saga;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * In-process saga participants: {@code direct:<name>} endpoints that record every call with its
 * saga headers, and fail or hang on request.
 */
final class Participants {

    /** One call a participant received. */
    record Call(String endpoint, String sagaId, String stepId, String phase, int attempt, String body) {
    }

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    RouteBuilder routes(String... endpoints) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String endpoint : endpoints) {
                    from("direct:" + endpoint).process(exchange -> handle(endpoint, exchange));
                }
            }
        };
    }

    /** The next {@code times} calls of {@code endpoint} fail. */
    void failTimes(String endpoint, int times) {
        failuresLeft.put(endpoint, new AtomicInteger(times));
    }

    void failAlways(String endpoint) {
        failTimes(endpoint, Integer.MAX_VALUE);
    }

    void heal(String endpoint) {
        failuresLeft.remove(endpoint);
    }

    /** Calls of {@code endpoint} wait until {@link #open} (at most 30 s). */
    void hold(String endpoint) {
        gates.put(endpoint, new CountDownLatch(1));
    }

    void open(String endpoint) {
        CountDownLatch gate = gates.remove(endpoint);
        if (gate != null) {
            gate.countDown();
        }
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<String> endpointsCalled(String sagaId) {
        return calls.stream().filter(call -> sagaId.equals(call.sagaId())).map(Call::endpoint).toList();
    }

    private void handle(String endpoint, Exchange exchange) throws Exception {
        calls.add(new Call(endpoint, exchange.getIn().getHeader(SagaHeaders.SAGA_ID, String.class),
                exchange.getIn().getHeader(SagaHeaders.STEP_ID, String.class),
                exchange.getIn().getHeader(SagaHeaders.PHASE, String.class),
                exchange.getIn().getHeader(SagaHeaders.ATTEMPT, 0, Integer.class),
                exchange.getIn().getBody(String.class)));
        CountDownLatch gate = gates.get(endpoint);
        if (gate != null) {
            gate.await(30, TimeUnit.SECONDS);
        }
        AtomicInteger left = failuresLeft.get(endpoint);
        if (left != null && left.getAndDecrement() > 0) {
            throw new IllegalStateException(endpoint + " is failing on purpose");
        }
    }
}
