package io.edakit.samples.orderflow;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;

/**
 * The application's own routes around the edakit template instances of application.properties:
 * orders come in on {@code direct:place-order} (the "orders-in" ingress instance puts them on the
 * "orders" channel); the "fulfilment" point-to-point instance hands each to {@code direct:fulfil},
 * which asks the inventory over request-reply ("stock-check" / "inventory") and books the outcome.
 * An order's id and item travel as headers (the ingress instance keeps them).
 *
 * <p>Payment uses Camel's own Saga EIP ({@code direct:pay}): authorize the payment, then confirm to
 * the customer; when confirming fails, the authorization is voided. The sagas are durable because
 * application.properties binds edakit's saga service: a crash between the two steps still voids.
 */
public class OrderRoutes extends RouteBuilder {

    @Override
    public void configure() {
        bindToRegistry("inventory", new Inventory());
        bindToRegistry("orderBook", new OrderBook());
        bindToRegistry("payments", new Payments());

        from("direct:fulfil").routeId("fulfil")
                .setBody(header("item"))
                .to("direct:check-stock")
                .choice()
                    .when(body().isEqualTo("reserved")).to("bean:orderBook?method=fulfilled")
                    .otherwise().to("bean:orderBook?method=backordered");

        from("direct:reserve").routeId("reserve")
                .to("bean:inventory?method=reserve");

        from("direct:pay").routeId("pay").saga()
                .to("direct:authorize-payment")
                .to("direct:confirm-to-customer");
        from("direct:authorize-payment").routeId("authorize-payment")
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option("orderId", header("orderId"))
                    .compensation("direct:void-payment")
                .to("bean:payments?method=authorize");
        from("direct:confirm-to-customer").routeId("confirm-to-customer")
                .saga().propagation(SagaPropagation.MANDATORY)
                .filter(header("email").isNull())
                    .throwException(new IllegalArgumentException("no e-mail address to confirm to"));
        from("direct:void-payment").routeId("void-payment")
                .to("bean:payments?method=voidPayment");
    }
}
