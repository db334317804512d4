package io.edakit.samples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application on edakit: orders posted to Boot's HTTP server become events on the
 * channel {@code orders} (an ingress template instance), and fulfilment takes each order once (an
 * idempotent-consumer instance, keys in the application's H2 DataSource), all from
 * application.properties. Health is Actuator's, edakit's transport included.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
