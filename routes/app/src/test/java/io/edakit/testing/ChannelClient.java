package io.edakit.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A separate Camel context that talks to the application's broker as an outside client: sends
 * to channels and records what arrives on the channels it listens to.
 */
public final class ChannelClient implements AutoCloseable {

    /** Exchange property of each received copy: {@link System#nanoTime()} when it arrived here. */
    private static final String ARRIVED_NANOS = "EdakitTestArrivedNanos";

    private final CamelContext context = new DefaultCamelContext();
    private final Map<String, List<Exchange>> received = new ConcurrentHashMap<>();
    private ProducerTemplate producer;

    public ChannelClient(Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        context.getPropertiesComponent().setInitialProperties(properties);
    }

    /** Records every message of {@code channel} (optionally as subscriber group {@code group}). */
    public ChannelClient listen(String channel, String group) throws Exception {
        String uri = "channel:" + channel + (group == null ? "" : "?group=" + group);
        List<Exchange> sink = received(channel);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("client-" + channel + (group == null ? "" : "-" + group))
                        .process(exchange -> {
                            Exchange copy = exchange.copy();
                            copy.setProperty(ARRIVED_NANOS, System.nanoTime());
                            sink.add(copy);
                        });
            }
        });
        return this;
    }

    public ChannelClient start() {
        context.start();
        producer = context.createProducerTemplate();
        return this;
    }

    public void send(String channel, Object body, Map<String, Object> headers) {
        producer.sendBodyAndHeaders("channel:" + channel, body, headers);
    }

    public List<Exchange> received(String channel) {
        return received.computeIfAbsent(channel, c -> Collections.synchronizedList(new ArrayList<>()));
    }

    public List<String> bodies(String channel) {
        synchronized (received(channel)) {
            return received(channel).stream().map(e -> e.getMessage().getBody(String.class)).toList();
        }
    }

    /** When each message of {@code channel} arrived here ({@link System#nanoTime()}), in arrival order. */
    public List<Long> arrivalNanos(String channel) {
        synchronized (received(channel)) {
            return received(channel).stream().map(e -> e.getProperty(ARRIVED_NANOS, Long.class)).toList();
        }
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
