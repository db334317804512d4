package io.edakit.spring.boot;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.edakit.channel.ChannelComponent;
import io.edakit.config.Settings;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelAdmin.ChannelDepth;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.TransportSettings;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The read side of edakit's operations on Boot's HTTP server, as an Actuator endpoint (exposed like
 * any other: {@code management.endpoints.web.exposure.include=edakit}, and secured by the
 * application's own Spring Security rules, if any):
 * <ul>
 *   <li>{@code GET /actuator/edakit}: the transport, the instance id and the dead-letter channels
 *       with their waiting counts (channels named {@code *.dlq}, or whose oldest message carries
 *       edakit's failure headers);</li>
 *   <li>{@code GET /actuator/edakit/{channel}}: up to 20 of the messages waiting there, headers and
 *       body text, without taking them.</li>
 * </ul>
 * Redrive and purge change state and stay with the fat jar's operator API and {@code dlq} command
 * (run against the same broker), whose token and origin rules this starter does not reproduce.
 */
@Endpoint(id = "edakit")
public class EdakitEndpoint {

    private static final int SHOWN = 20;

    private final CamelContext camelContext;

    public EdakitEndpoint(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @ReadOperation
    public Map<String, Object> overview() throws Exception {
        ChannelTransport transport = transport();
        Map<String, Long> deadLetters = new TreeMap<>();
        try (ChannelAdmin admin = transport.admin()) {
            admin.channels(".dlq").forEach(depth -> deadLetters.put(depth.channel(), depth.waiting()));
            admin.channelsHolding(FailureHeaders.PREFIX).forEach(depth -> deadLetters.put(depth.channel(), depth.waiting()));
        }
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("transport", transport.name());
        overview.put("instanceId", Settings.of(camelContext).get(TransportSettings.GROUP).instanceId());
        overview.put("deadLetters", deadLetters.entrySet().stream()
                .map(entry -> new ChannelDepth(entry.getKey(), entry.getValue())).toList());
        return overview;
    }

    @ReadOperation
    public List<Map<String, Object>> waiting(@Selector String channel) throws Exception {
        try (ChannelAdmin admin = transport().admin()) {
            return admin.peek(channel, SHOWN).stream().map(message -> {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("headers", new TreeMap<>(message.headers()));
                shown.put("key", message.key());
                shown.put("body", new String(message.body(), StandardCharsets.UTF_8));
                return shown;
            }).toList();
        }
    }

    private ChannelTransport transport() {
        if (!(camelContext.hasComponent("channel") instanceof ChannelComponent channel) || !channel.isStarted()) {
            throw new IllegalStateException("the channel component is not started");
        }
        return channel.transport();
    }
}
