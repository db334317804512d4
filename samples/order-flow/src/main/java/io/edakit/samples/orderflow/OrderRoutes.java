package io.edakit.samples.orderflow;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;

/**
 * The application's own routes around the edakit template instances of application.properties:
 * orders come in on {@code direct:place-order} (from a demo timer, or the application's own code)
 * or over HTTP ({@code POST /orders}), and the "orders-in" and "orders-http" ingress instances put
 * them on the "orders" channel; the "fulfilment" point-to-point instance hands each to {@code direct:fulfil},
 * which asks the inventory over request-reply ("stock-check" / "inventory") and books the outcome.
 * An order's id and item travel as headers (the ingress instance keeps them).
 *
 * <p>Payment uses Camel's own Saga EIP ({@code direct:pay}): authorize the payment, then confirm to
 * the customer; when confirming fails, the authorization is voided. The sagas are durable because
 * application.properties binds edakit's saga service: a crash between the two steps still voids.
 */
public class OrderRoutes extends RouteBuilder {

    /** What the demo customer orders, in turn: the lamps run out after a while. */
    private static final List<String> DEMO_ITEMS = List.of("book", "lamp", "ebook");

    private final AtomicLong demoOrders = new AtomicLong();

    @Override
    public void configure() {
        bindToRegistry("inventory", new Inventory());
        bindToRegistry("orderBook", new OrderBook());
        bindToRegistry("payments", new Payments());

        // a demo customer: an order every two seconds, so that a run shows orders flowing with no input
        from("timer:demo-orders?delay=1000&period={{order-flow.demo-period:2000}}").routeId("demo-orders")
                .autoStartup("{{order-flow.demo-orders:true}}")
                .process(exchange -> {
                    long n = demoOrders.incrementAndGet();
                    String item = DEMO_ITEMS.get((int) (n % DEMO_ITEMS.size()));
                    exchange.getIn().setHeader("orderId", "demo-" + n);
                    exchange.getIn().setHeader("item", item);
                    exchange.getIn().setBody("{\"orderId\": \"demo-" + n + "\", \"item\": \"" + item + "\"}");
                })
                .to("direct:place-order");

        from("direct:fulfil").routeId("fulfil")
                .setBody(header("item"))
                .to("direct:check-stock")
                .choice()
                    .when(body().isEqualTo("reserved"))
                        .to("bean:orderBook?method=fulfilled")
                        .log("order ${header.orderId}: ${header.item} reserved, fulfilled")
                    .otherwise()
                        .to("bean:orderBook?method=backordered")
                        .log("order ${header.orderId}: ${header.item} out of stock, back-ordered");

        from("direct:reserve").routeId("reserve")
                .to("bean:inventory?method=reserve");

        // payments over HTTP: POST /payments with the headers orderId and email (without one, the
        // confirmation fails and the saga voids the authorization)
        from("platform-http:/payments?httpMethodRestrict=POST").routeId("payments-http")
                .doTry()
                    .to("direct:pay")
                    .setBody(simple("{\"orderId\": \"${header.orderId}\", \"payment\": \"confirmed\"}"))
                .doCatch(IllegalArgumentException.class)
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(422))
                    .setBody(simple("{\"orderId\": \"${header.orderId}\", \"payment\": \"failed\", "
                            + "\"reason\": \"${exception.message}\", \"authorization\": \"voided\"}"))
                .end()
                // answer with the body alone, not the caller's headers echoed back
                .removeHeaders("*", Exchange.HTTP_RESPONSE_CODE)
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        from("direct:pay").routeId("pay").saga()
                .to("direct:authorize-payment")
                .to("direct:confirm-to-customer");
        from("direct:authorize-payment").routeId("authorize-payment")
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option("orderId", header("orderId"))
                    .compensation("direct:void-payment")
                .to("bean:payments?method=authorize")
                .log("payment of order ${header.orderId} authorized");
        from("direct:confirm-to-customer").routeId("confirm-to-customer")
                .saga().propagation(SagaPropagation.MANDATORY)
                .filter(header("email").isNull())
                    .throwException(new IllegalArgumentException("no e-mail address to confirm to"));
        from("direct:void-payment").routeId("void-payment")
                .to("bean:payments?method=voidPayment")
                .log("payment of order ${header.orderId} voided");
    }
}
