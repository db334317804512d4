package io.edakit.spring.boot;

import io.edakit.channel.ChannelComponent;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.TransportHealth;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * edakit in Actuator's health ({@code /actuator/health/edakit}): up while the channel component's
 * transport (the Artemis broker connection, the Kafka cluster) is usable; the same judgement as
 * readiness in Camel Main's {@code /observe/health/ready}.
 */
public final class EdakitHealthIndicator extends AbstractHealthIndicator {

    private final CamelContext camelContext;

    public EdakitHealthIndicator(CamelContext camelContext) {
        super("edakit health check failed");
        this.camelContext = camelContext;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Component component = camelContext.hasComponent("channel");
        if (!(component instanceof ChannelComponent channel) || !channel.isStarted()) {
            builder.down().withDetail("transport", "not started");
            return;
        }
        ChannelTransport transport = channel.transport();
        TransportHealth health = transport.health();
        builder.status(health.up() ? "UP" : "DOWN").withDetail("transport", transport.name())
                .withDetail("detail", health.detail());
    }
}
