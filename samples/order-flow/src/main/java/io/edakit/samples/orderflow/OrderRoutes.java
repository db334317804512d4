package io.edakit.samples.orderflow;

import org.apache.camel.builder.RouteBuilder;

/**
 * The application's own routes around the edakit template instances of application.properties:
 * orders come in on {@code direct:place-order} (the "orders-in" ingress instance puts them on the
 * "orders" channel); the "fulfilment" point-to-point instance hands each to {@code direct:fulfil},
 * which asks the inventory over request-reply ("stock-check" / "inventory") and books the outcome.
 * An order's id and item travel as headers (the ingress instance keeps them).
 */
public class OrderRoutes extends RouteBuilder {

    @Override
    public void configure() {
        bindToRegistry("inventory", new Inventory());
        bindToRegistry("orderBook", new OrderBook());

        from("direct:fulfil").routeId("fulfil")
                .setBody(header("item"))
                .to("direct:check-stock")
                .choice()
                    .when(body().isEqualTo("reserved")).to("bean:orderBook?method=fulfilled")
                    .otherwise().to("bean:orderBook?method=backordered");

        from("direct:reserve").routeId("reserve")
                .to("bean:inventory?method=reserve");
    }
}
