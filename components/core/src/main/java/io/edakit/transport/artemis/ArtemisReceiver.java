package io.edakit.transport.artemis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Acknowledgements are confirmed: an accepted message is acknowledged individually and
 * committed by a committer thread, which waits for the broker to answer the commit (the broker
 * answers once the acknowledgements are stored). Commits are batched: each takes every message
 * accepted while the previous one was in flight, so confirming costs one broker round trip per
 * batch rather than per message. Until its commit is confirmed an accepted message keeps room in
 * the window, which holds at most {@code maxInFlight} messages in processing and
 * {@link ArtemisTransport#MAX_UNCOMMITTED} accepted but not committed: a crash (of this process or of the
 * broker) hands at most {@code maxInFlight + MAX_UNCOMMITTED} messages to the handler a second
 * time. A session serves one caller at a
 * time, so a lock keeps the committer, the rollback and the close from overlapping.
 *
 * <p>A rejected message is redelivered by rolling the session back, but only once every other
 * message in flight has settled and every accepted one is committed, so no message that is still
 * being processed (or that finished) is delivered a second time by the rollback.
 */
final class ArtemisReceiver implements ChannelReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisReceiver.class);
    private static final long POLL_MILLIS = 100;
    private static final int MAX_TRACKED_REJECTIONS = 10_000;

    private final ArtemisConnection connection;
    private final ArtemisTopology topology;
    private final ChannelAddress address;
    private final MessageSink sink;
    /** Room for messages in processing. */
    private final Semaphore processing;
    /** Room for messages in processing or accepted and waiting for their commit. */
    private final Semaphore uncommitted;
    /** Once the window is full, how many messages must leave processing before the receiver reads again. */
    private final int refill;
    private final Object roomSignal = new Object();
    private volatile boolean awaitingRoom;
    /** Accepted messages whose acknowledgement the committer has not committed yet. */
    private final List<ClientMessage> accepted = new ArrayList<>();
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
    private Thread committer;

    ArtemisReceiver(ArtemisConnection connection, ArtemisTopology topology, ChannelAddress address,
                    ReceiveOptions options, MessageSink sink) {
        this.connection = connection;
        this.topology = topology;
        this.address = address;
        this.sink = sink;
        this.processing = new Semaphore(options.maxInFlight());
        this.refill = options.refill();
        this.uncommitted = new Semaphore(options.maxInFlight() + ArtemisTransport.MAX_UNCOMMITTED);
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
        committer = new Thread(this::commitLoop, "edakit-acks-" + address);
        committer.setDaemon(true);
        thread.start();
        committer.start();
    }

    private void receiveLoop() {
        while (running) {
            try {
                if (rollbackRequested) {
                    rollbackWhenSettled();
                } else if (acquireRoom()) {
                    ClientMessage message = consumer.receive(POLL_MILLIS);
                    if (message == null) {
                        releaseRoom(true);
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

    /** Room for one more message: in processing, and until its acknowledgement is committed. */
    private boolean acquireRoom() throws InterruptedException {
        awaitRefill();
        if (!uncommitted.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            return false;
        }
        if (!processing.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            uncommitted.release();
            return false;
        }
        return true;
    }

    /**
     * With the window full, waits until {@code refill} messages have left processing (or a rollback
     * is due, or a poll interval passed), so that the receiver reads a batch per wake-up instead of
     * being woken by every settlement: two thread switches per message that a busy machine takes
     * from everything else in the process, the quiet tenants' lanes included.
     */
    private void awaitRefill() throws InterruptedException {
        if (refill == 1 || processing.availablePermits() > 0) {
            return;
        }
        synchronized (roomSignal) {
            awaitingRoom = true;
            try {
                if (running && !rollbackRequested && processing.availablePermits() < refill) {
                    roomSignal.wait(POLL_MILLIS);
                }
            } finally {
                awaitingRoom = false;
            }
        }
    }

    /** A message left processing; {@code done}: nothing of it waits for a commit either. */
    private void releaseRoom(boolean done) {
        processing.release();
        if (done) {
            uncommitted.release();
        }
    }

    /**
     * Waits for everything in flight to settle and for the accepted messages to be committed,
     * then hands back what was rejected.
     */
    private void rollbackWhenSettled() throws InterruptedException, ActiveMQException {
        synchronized (settledSignal) {
            while (inFlight.get() > 0 && running) {
                settledSignal.wait(POLL_MILLIS);
            }
        }
        if (inFlight.get() == 0) {
            synchronized (sessionLock) {
                commitAccepted(); // a rollback would hand them back too
                session.rollback(true);
            }
            rollbackRequested = false;
        }
    }

    private void settled(boolean done) {
        releaseRoom(done);
        if (awaitingRoom && (processing.availablePermits() >= refill || rollbackRequested)) {
            synchronized (roomSignal) {
                roomSignal.notifyAll();
            }
        }
        if (inFlight.decrementAndGet() == 0) {
            synchronized (settledSignal) {
                settledSignal.notifyAll();
            }
        }
    }

    /** The committer thread: commits what was accepted, batch after batch, until the receiver stops. */
    private void commitLoop() {
        while (running) {
            try {
                synchronized (accepted) {
                    if (accepted.isEmpty()) {
                        accepted.wait(POLL_MILLIS);
                    }
                }
                synchronized (sessionLock) {
                    commitAccepted();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Receiver on {} failed to commit acknowledgements; retrying: {}", address, e.toString());
            }
        }
    }

    /**
     * Acknowledges the accepted messages and commits, waiting for the broker's answer. A failed
     * commit (the broker went away, a failover rolled the session back) leaves the messages
     * unacknowledged: the broker delivers them again. Called with the session lock held.
     */
    private void commitAccepted() {
        List<ClientMessage> batch;
        synchronized (accepted) {
            if (accepted.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(accepted);
            accepted.clear();
        }
        try {
            for (ClientMessage message : batch) {
                message.individualAcknowledge();
            }
            session.commit();
        } catch (ActiveMQException e) {
            // at-least-once holds: the broker redelivers them, a duplicate is possible
            LOG.warn("Could not acknowledge {} messages on {}; the broker will deliver them again: {}", batch.size(),
                    address, e.toString());
        } finally {
            batch.forEach(message -> rejectedDeliveries.remove(message.getMessageID()));
            uncommitted.release(batch.size());
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
        if (committer != null) {
            try { // it ends within a poll interval of running turning false; stop commits what is left
                committer.join(POLL_MILLIS * 5);
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
                    commitAccepted();
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
            synchronized (accepted) {
                accepted.add(core);
                accepted.notifyAll();
            }
            settled(false); // its room stays taken until the committer has committed it
        }

        @Override
        public void reject(Throwable cause) {
            if (rejectedDeliveries.size() >= MAX_TRACKED_REJECTIONS) {
                rejectedDeliveries.clear(); // messages taken over by other receivers never come back here
            }
            rejectedDeliveries.put(core.getMessageID(), deliveryCount);
            rollbackRequested = true;
            settled(true);
        }
    }
}
