package io.edakit.spring.boot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Boot application with nothing of edakit's but the starter on its class path. */
@SpringBootApplication
public class StarterTestApplication {

    /** What the handler of the template instance received, in order. */
    @Bean
    public List<String> received() {
        return new CopyOnWriteArrayList<>();
    }

    @Bean
    public RouteBuilder handler(List<String> received) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:handle").process(exchange -> received.add(exchange.getMessage().getBody(String.class)));
            }
        };
    }
}
