package io.edakit.transport.artemis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.edakit.transport.ChannelAddress;
import org.apache.activemq.artemis.api.core.ActiveMQAddressExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;

/**
 * Maps channels onto Artemis addresses and queues, creating them on first use.
 *
 * <p>Every channel is a MULTICAST address. Its point-to-point receivers share the durable queue
 * named like the channel; each subscriber group has its own durable queue {@code channel@group}.
 * A sender makes sure the point-to-point queue exists before its first send, so messages sent
 * before any receiver started wait for it instead of being dropped by an address with no queue.
 */
final class ArtemisTopology {

    private final ClientSession adminSession;
    private final Set<String> knownQueues = ConcurrentHashMap.newKeySet();

    ArtemisTopology(ClientSession adminSession) {
        this.adminSession = adminSession;
    }

    /** Ensures the address of {@code channel} and its point-to-point queue exist. */
    void ensureChannel(String channel) throws ActiveMQException {
        ensureQueue(ChannelAddress.pointToPoint(channel));
    }

    /** Ensures the durable queue behind a receiver's address exists; returns its name. */
    String ensureQueue(ChannelAddress address) throws ActiveMQException {
        String queue = address.consumerGroupName();
        if (knownQueues.contains(queue)) {
            return queue;
        }
        synchronized (adminSession) {
            SimpleString addressName = SimpleString.of(address.channel());
            if (!adminSession.addressQuery(addressName).isExists()) {
                try {
                    adminSession.createAddress(addressName, RoutingType.MULTICAST, false);
                } catch (ActiveMQAddressExistsException raced) {
                    // another instance created it first: fine
                }
            }
            if (!adminSession.queueQuery(SimpleString.of(queue)).isExists()) {
                try {
                    adminSession.createQueue(QueueConfiguration.of(queue)
                            .setAddress(address.channel())
                            .setRoutingType(RoutingType.MULTICAST)
                            .setDurable(true));
                } catch (ActiveMQQueueExistsException raced) {
                    // another instance created it first: fine
                }
            }
        }
        knownQueues.add(queue);
        return queue;
    }
}
