package io.edakit.samples.boot;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders} with header {@code orderId}: hands the order to the ingress template
 * instance ({@code direct:place-order}) and answers what it answers, 202 with the event id once the
 * broker has the event, 400 with the problems of an invalid one.
 */
@RestController
public class OrdersController {

    private final ProducerTemplate producer;

    public OrdersController(ProducerTemplate producer) {
        this.producer = producer;
    }

    @PostMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> place(@RequestHeader("orderId") String orderId, @RequestBody String order) {
        Exchange done = producer.request("direct:place-order", exchange -> {
            exchange.getMessage().setBody(order);
            exchange.getMessage().setHeader("orderId", orderId);
        });
        Integer status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return ResponseEntity.status(status == null ? (done.isFailed() ? 500 : 202) : status)
                .body(done.getMessage().getBody(String.class));
    }
}
