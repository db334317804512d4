package io.edakit.fairness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.transport.ChannelAddress;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelReceiver;
import io.edakit.transport.ChannelSender;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.MessageSink;
import io.edakit.transport.ReceiveOptions;
import io.edakit.transport.SendOptions;
import io.edakit.transport.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a fair channel: its lanes, each with a small window so the backlog stays on the broker,
 * and the channel itself, whose messages (from producers that know nothing of fairness) are
 * forwarded to their tenant's lane. What the lanes deliver waits in a {@link FairScheduler}; one
 * pump thread releases it to the sink as consumer slots free up.
 *
 * <p>Threads: each lane receiver's thread calls {@link #onLane}, which only queues. The pump thread
 * alone calls the sink (with one consumer the sink runs the route on it: the pump is the
 * consumer). Settlements arrive on any thread; they settle the lane's message and free the slot.
 *
 * <p>Guarantees: a lane message is settled by the route's own settlement, exactly as on a channel
 * without fairness; a forwarded message is acknowledged only once its lane copy is confirmed (a
 * crash in between duplicates it, never loses it). On stop the receivers stop reading and the pump
 * keeps releasing until what they delivered is settled (at most lanes x window messages).
 */
public final class FairReceiver implements ChannelReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(FairReceiver.class);
    private static final int FORWARD_WINDOW = 64;

    private final ChannelTransport transport;
    private final ChannelAddress address;
    private final MessageSink sink;
    private final TenantKey key;
    private final FairScheduler<Pending> scheduler;
    private final int window;
    private final List<ChannelReceiver> receivers = new ArrayList<>();
    private final ChannelSender[] laneSenders;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final Object signal = new Object();
    /** Counts offers and settlements, so the pump never sleeps through one that came while it polled. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean pumping;
    private Thread pump;

    /**
     * @param consumers how many messages the sink processes at once (the channel's concurrent consumers)
     */
    public FairReceiver(ChannelTransport transport, ChannelAddress address, FairnessPolicy policy, TenantKey key,
                        int consumers, MessageSink sink) {
        if (!address.isPointToPoint()) {
            // why not yet: a group reads every message, and a lane is shared by every group reading it, so a
            // foreign producer's message forwarded into a lane by one group would reach every other group too,
            // each of which forwards its own copy: duplicates (docs/fairness.md, "Subscriber groups")
            throw new IllegalArgumentException("channel " + address.channel() + ": fairnessKey cannot be used with a "
                    + "subscriber group (group=" + address.group() + "); fairness is for point-to-point consumers: "
                    + "drop group= or fairnessKey=");
        }
        this.transport = transport;
        this.address = address;
        this.sink = sink;
        this.key = key;
        this.scheduler = new FairScheduler<>(policy, consumers);
        this.window = laneWindow(consumers);
        this.laneSenders = new ChannelSender[policy.lanes()];
        for (int i = 0; i < laneSenders.length; i++) {
            laneSenders[i] = transport.sender(FairLanes.laneChannel(address.channel(), i), SendOptions.PERSISTENT);
        }
    }

    /**
     * Unsettled messages one lane receiver may hold. It must cover a weighted tenant's turn (a tenant
     * whose scheduler queue runs dry before its lane refills loses its turn, so 3:1 came out 2:1 with
     * a window of 2); it costs nothing to quiet tenants, whose lanes are not behind it, only memory:
     * lanes x window messages at most. On Kafka a lane refills only after its settled offsets were
     * committed and the next fetch came back, which on a loaded machine took longer than a window of
     * 64 lasts at 1 ms per message (3:1:1 came out 2.4:1:1); 256 covers that.
     */
    public static int laneWindow(int consumers) {
        return Math.max(256, 32 * consumers);
    }

    /**
     * How many of a full lane's messages must settle before its receiver reads again. A noisy
     * tenant's lane is full the whole burst; refilled one message per settlement, its receiver was
     * woken (and on Kafka polled) once per message, two thread switches for each of the burst's
     * messages, on the CPU the quiet tenants' sends, lanes and the broker need. A quarter of the
     * window keeps three quarters of it waiting in the scheduler, still more than a weighted turn.
     */
    static int laneRefill(int window) {
        return Math.max(1, window / 4);
    }

    @Override
    public void start() throws Exception {
        pumping = true;
        pump = new Thread(this::pumpLoop, "edakit-fair-" + address);
        pump.setDaemon(true);
        pump.start();
        for (int i = 0; i < laneSenders.length; i++) {
            receivers.add(transport.receiver(ChannelAddress.pointToPoint(FairLanes.laneChannel(address.channel(), i)),
                    new ReceiveOptions(window, laneRefill(window)), this::onLane));
        }
        receivers.add(transport.receiver(address, new ReceiveOptions(FORWARD_WINDOW), this::forward));
        for (ChannelReceiver receiver : receivers) {
            receiver.start();
        }
        FairnessRegistry.register(address.channel(), this);
    }

    /** A lane's thread: queue the message for its tenant, from its send time when the sender stamped it. */
    private void onLane(ChannelMessage message, Settlement settlement) {
        inFlight.incrementAndGet();
        scheduler.offer(key.tenantOf(message), new Pending(message, settlement), arrival(message));
        wake();
    }

    private static long arrival(ChannelMessage message) {
        long now = System.nanoTime();
        String sent = message.headers().get(FairLanes.SENT_HEADER);
        if (sent == null) {
            return now;
        }
        try {
            long ago = System.currentTimeMillis() - Long.parseLong(sent);
            return ago > 0 ? now - ago * 1_000_000 : now;
        } catch (NumberFormatException e) {
            return now;
        }
    }

    /** The channel's own messages (foreign producers): into the tenant's lane, then acknowledged. */
    private void forward(ChannelMessage message, Settlement settlement) {
        String tenant = key.tenantOf(message);
        ChannelSender lane = laneSenders[FairLanes.laneOf(tenant, laneSenders.length)];
        CompletableFuture<Void> sent;
        try {
            sent = lane.send(FairSender.stamped(message.withDeliveryCount(0))).toCompletableFuture();
        } catch (RuntimeException e) {
            settlement.reject(e);
            return;
        }
        sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                settlement.reject(failure);
            } else {
                forwarded.incrementAndGet();
                settlement.accept();
            }
        });
    }

    private void pumpLoop() {
        while (pumping || inFlight.get() > 0) {
            long seen = changes.get();
            FairScheduler.Grant<Pending> grant = scheduler.poll();
            if (grant == null) {
                synchronized (signal) {
                    try {
                        if (changes.get() == seen) {
                            signal.wait(20);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                continue;
            }
            Pending pending = grant.item();
            try {
                sink.deliver(pending.message(), new Settled(grant, pending.settlement()));
            } catch (RuntimeException e) {
                LOG.error("Fair channel {}: the consumer refused a message; it will be delivered again", address, e);
                new Settled(grant, pending.settlement()).reject(e);
            }
        }
    }

    private void wake() {
        changes.incrementAndGet();
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public void stop(Duration drainTimeout) {
        FairnessRegistry.unregister(address.channel(), this);
        // every receiver stops reading and waits for its messages, which the pump keeps releasing
        List<Thread> stopping = new ArrayList<>();
        for (ChannelReceiver receiver : receivers) {
            Thread t = new Thread(() -> receiver.stop(drainTimeout), "edakit-fair-stop-" + address);
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        receivers.clear();
        pumping = false;
        // what the receivers gave up waiting for: never released, handed back (their sessions are closed)
        for (Pending left : scheduler.drainWaiting()) {
            inFlight.decrementAndGet();
            left.settlement().reject(new CancellationException("channel stopped"));
        }
        wake();
        if (pump != null) {
            try {
                pump.join(drainTimeout.toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    /** The tenants as the scheduler sees them now. */
    public List<TenantSnapshot> tenants() {
        return scheduler.snapshot();
    }

    public FairnessPolicy policy() {
        return scheduler.policy();
    }

    /** Messages moved from the channel itself to their lanes since start (foreign producers). */
    public int forwarded() {
        return forwarded.get();
    }

    public ChannelAddress address() {
        return address;
    }

    private record Pending(ChannelMessage message, Settlement settlement) {
    }

    /** Settles the lane's message, then frees the slot and charges the handler time. */
    private final class Settled implements Settlement {
        private final FairScheduler.Grant<Pending> grant;
        private final Settlement lane;

        Settled(FairScheduler.Grant<Pending> grant, Settlement lane) {
            this.grant = grant;
            this.lane = lane;
        }

        @Override
        public void accept() {
            lane.accept();
            done();
        }

        @Override
        public void reject(Throwable cause) {
            lane.reject(cause);
            done();
        }

        private void done() {
            scheduler.complete(grant, System.nanoTime() - grant.releasedNanos());
            inFlight.decrementAndGet();
            wake();
        }
    }
}
