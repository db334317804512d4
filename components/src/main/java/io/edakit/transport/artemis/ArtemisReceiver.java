package io.edakit.transport.artemis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.transport.ChannelAddress;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelReceiver;
import io.edakit.transport.MessageSink;
import io.edakit.transport.ReceiveOptions;
import io.edakit.transport.Settlement;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one queue on its own thread and keeps up to {@code maxInFlight} messages in processing.
 *
 * <p>Each message is acknowledged individually when its processing is settled, from whichever
 * thread settles it; a lock keeps those calls from overlapping, since a session serves one caller
 * at a time. A rejected message is redelivered by rolling the session back, but only once every
 * other message in flight has settled, so no message that is still being processed (or that
 * finished) is delivered a second time by the rollback.
 */
final class ArtemisReceiver implements ChannelReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisReceiver.class);
    private static final long POLL_MILLIS = 100;
    private static final int MAX_TRACKED_REJECTIONS = 10_000;

    private final ArtemisConnection connection;
    private final ArtemisTopology topology;
    private final ChannelAddress address;
    private final MessageSink sink;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object sessionLock = new Object();
    private final Object settledSignal = new Object();
    /**
     * Deliveries of messages this receiver rejected, by message id. A rollback hands back every
     * unacknowledged message, and Artemis counts a redelivery only for the last one delivered, so
     * with several messages in flight its delivery count can lag; this keeps the count honest.
     */
    private final Map<Long, Integer> rejectedDeliveries = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile boolean rollbackRequested;
    private ClientSession session;
    private ClientConsumer consumer;
    private Thread thread;

    ArtemisReceiver(ArtemisConnection connection, ArtemisTopology topology, ChannelAddress address,
                    ReceiveOptions options, MessageSink sink) {
        this.connection = connection;
        this.topology = topology;
        this.address = address;
        this.sink = sink;
        this.permits = new Semaphore(options.maxInFlight());
    }

    @Override
    public void start() throws Exception {
        String queue = topology.ensureQueue(address);
        session = connection.consumerSession();
        consumer = session.createConsumer(queue);
        session.start();
        running = true;
        thread = new Thread(this::receiveLoop, "edakit-receiver-" + address);
        thread.setDaemon(true);
        thread.start();
    }

    private void receiveLoop() {
        while (running) {
            try {
                if (rollbackRequested) {
                    rollbackWhenSettled();
                } else if (permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    ClientMessage message = consumer.receive(POLL_MILLIS);
                    if (message == null) {
                        permits.release();
                    } else {
                        deliver(message);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ActiveMQException | RuntimeException e) {
                if (running) {
                    LOG.warn("Receiver on {} failed to read; retrying: {}", address, e.toString());
                    pause();
                }
            }
        }
    }

    private void deliver(ClientMessage core) {
        inFlight.incrementAndGet();
        ChannelMessage message = ArtemisMessages.fromCore(core);
        Integer earlier = rejectedDeliveries.get(core.getMessageID());
        if (earlier != null && earlier >= message.deliveryCount()) {
            message = message.withDeliveryCount(earlier + 1);
        }
        sink.deliver(message, new CoreSettlement(core, message.deliveryCount()));
    }

    /** Waits for everything in flight to settle, then hands back what was rejected. */
    private void rollbackWhenSettled() throws InterruptedException, ActiveMQException {
        synchronized (settledSignal) {
            while (inFlight.get() > 0 && running) {
                settledSignal.wait(POLL_MILLIS);
            }
        }
        if (inFlight.get() == 0) {
            synchronized (sessionLock) {
                session.rollback(true);
            }
            rollbackRequested = false;
        }
    }

    private void settled() {
        permits.release();
        if (inFlight.decrementAndGet() == 0) {
            synchronized (settledSignal) {
                settledSignal.notifyAll();
            }
        }
    }

    @Override
    public void stop(Duration drainTimeout) {
        running = false;
        if (thread != null) {
            try {
                thread.join(POLL_MILLIS * 5);
                long deadline = System.nanoTime() + drainTimeout.toNanos();
                synchronized (settledSignal) {
                    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                        settledSignal.wait(POLL_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("Receiver on {} stopped with {} messages unsettled; the broker will redeliver them",
                    address, inFlight.get());
        }
        synchronized (sessionLock) {
            try {
                if (session != null) {
                    session.close(); // unacknowledged messages go back to the queue
                }
            } catch (ActiveMQException e) {
                LOG.debug("Closing receiver session on {}: {}", address, e.toString());
            }
        }
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    private void pause() {
        try {
            Thread.sleep(POLL_MILLIS * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class CoreSettlement implements Settlement {
        private final ClientMessage core;
        private final int deliveryCount;

        private CoreSettlement(ClientMessage core, int deliveryCount) {
            this.core = core;
            this.deliveryCount = deliveryCount;
        }

        @Override
        public void accept() {
            try {
                synchronized (sessionLock) {
                    core.individualAcknowledge();
                    session.commit(false);
                }
                rejectedDeliveries.remove(core.getMessageID());
            } catch (ActiveMQException e) {
                // the broker will redeliver it: at-least-once holds, a duplicate is possible
                LOG.warn("Could not acknowledge a message on {}: {}", address, e.toString());
            } finally {
                settled();
            }
        }

        @Override
        public void reject(Throwable cause) {
            if (rejectedDeliveries.size() >= MAX_TRACKED_REJECTIONS) {
                rejectedDeliveries.clear(); // messages taken over by other receivers never come back here
            }
            rejectedDeliveries.put(core.getMessageID(), deliveryCount);
            rollbackRequested = true;
            settled();
        }
    }
}
