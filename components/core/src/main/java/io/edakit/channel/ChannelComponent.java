package io.edakit.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import io.edakit.config.Settings;
import io.edakit.health.TransportHealthCheck;
import io.edakit.transport.ChannelAddress;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.TransportSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code channel:} component. It owns the transport of the Camel context: unless one is set,
 * it creates the one {@code edakit.transport} names from the context's properties when it starts
 * (an embedded Artemis broker by default), and stops it last, after the routes have drained.
 */
@Component("channel")
public class ChannelComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelComponent.class);

    @Metadata(label = "advanced", description = "The transport the channels use, managed by the caller (started before, "
            + "stopped after the component). By default the component creates the one edakit.transport names when it starts.")
    private ChannelTransport transport;
    private boolean ownsTransport;
    private ExecutorService completionExecutor;
    private ScheduledExecutorService timer;
    private RequestReply replies;
    /** The started consumers of this component's endpoints, for {@link #consumerLags()}. */
    private final Set<ChannelConsumer> consumers = ConcurrentHashMap.newKeySet();

    public ChannelComponent() {
    }

    /** A component on a transport the caller manages (started before, stopped after). */
    public ChannelComponent(ChannelTransport transport) {
        this.transport = transport;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ChannelEndpoint endpoint = new ChannelEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Settings settings = Settings.of(getCamelContext());
        if (transport == null) {
            transport = Transports.create(settings);
            ownsTransport = true;
        }
        transport.start();
        completionExecutor = getCamelContext().getExecutorServiceManager()
                .newThreadPool(this, "channel-completion", 2, Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        timer = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "channel-timeouts");
        replies = new RequestReply(transport, timer, completionExecutor);
        getCamelContext().getRegistry().bind("edakit-transport-health", new TransportHealthCheck(() -> transport));
        LOG.info("channel: component on the {} transport, instance {}", transport.name(),
                settings.get(TransportSettings.GROUP).instanceId());
    }

    @Override
    protected void doStop() throws Exception {
        if (replies != null) {
            replies.close();
        }
        if (completionExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(completionExecutor);
            getCamelContext().getExecutorServiceManager().shutdownNow(timer);
        }
        if (ownsTransport && transport != null) {
            transport.stop();
            transport = null;
        }
        super.doStop();
    }

    public ChannelTransport transport() {
        if (transport == null) {
            throw new IllegalStateException("channel component is not started");
        }
        return transport;
    }

    /** The transport as set or created, null before start when none was set (for Camel's configurer). */
    public ChannelTransport getTransport() {
        return transport;
    }

    public void setTransport(ChannelTransport transport) {
        this.transport = transport;
    }

    /** Replies that arrived after their request had timed out, since start. */
    public long lateReplies() {
        return replies == null ? 0 : replies.lateReplies();
    }

    /** Requests that timed out waiting for a reply, since start. */
    public long requestTimeouts() {
        return replies == null ? 0 : replies.timeouts();
    }

    /**
     * Each started consumer whose transport counts what its group has yet to settle (Kafka), with
     * that count, read from the broker now: the input of the consumer-lag gauge.
     */
    public List<ConsumerLag> consumerLags() throws Exception {
        List<ChannelConsumer> started = List.copyOf(consumers);
        Map<ChannelAddress, Long> lags = transport().consumerLag(started.stream().map(ChannelConsumer::address)
                .collect(Collectors.toSet()));
        List<ConsumerLag> result = new ArrayList<>();
        for (ChannelConsumer consumer : started) {
            Long lag = lags.get(consumer.address());
            if (lag != null) {
                result.add(new ConsumerLag(consumer.getRouteId(), consumer.address().channel(),
                        consumer.address().consumerGroupName(), lag));
            }
        }
        return result;
    }

    /** What one consumer's group has yet to settle: its route, channel, consumer group and count. */
    public record ConsumerLag(String routeId, String channel, String group, long lag) {
    }

    void started(ChannelConsumer consumer) {
        consumers.add(consumer);
    }

    void stopped(ChannelConsumer consumer) {
        consumers.remove(consumer);
    }

    RequestReply replies() {
        return replies;
    }

    ExecutorService completionExecutor() {
        return completionExecutor;
    }
}
