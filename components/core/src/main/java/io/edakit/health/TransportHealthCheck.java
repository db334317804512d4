package io.edakit.health;

import java.util.Map;
import java.util.function.Supplier;

import io.edakit.transport.ChannelTransport;
import io.edakit.transport.TransportHealth;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the application is ready only while its transport (broker) is usable. */
public final class TransportHealthCheck extends AbstractHealthCheck {

    private final Supplier<ChannelTransport> transport;

    public TransportHealthCheck(Supplier<ChannelTransport> transport) {
        super("edakit", "transport");
        this.transport = transport;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ChannelTransport current = transport.get();
        if (current == null) {
            builder.down().message("transport not started");
            return;
        }
        TransportHealth health = current.health();
        builder.detail("transport", current.name()).message(health.detail());
        if (health.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
