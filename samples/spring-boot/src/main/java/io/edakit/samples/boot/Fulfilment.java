package io.edakit.samples.boot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Header;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Fulfils orders: the handler of the idempotent-consumer instance ({@code direct:fulfil}), so an
 * order posted twice (same {@code orderId}) is fulfilled once.
 */
@Component
public class Fulfilment extends RouteBuilder {

    private final List<String> fulfilled = new CopyOnWriteArrayList<>();

    @Override
    public void configure() {
        from("direct:fulfil").routeId("fulfil").bean(this, "fulfil");
    }

    public void fulfil(@Header("orderId") String orderId) {
        fulfilled.add(orderId);
    }

    /** The order ids fulfilled so far, in order. */
    public List<String> fulfilled() {
        return List.copyOf(fulfilled);
    }
}
