package io.edakit.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The raw sender of a point-to-point run: one JMS producer sending persistent messages without
 * waiting, each confirmation reported to a {@link CompletionListener} (Artemis' asynchronous
 * send confirmation), to the channel's MULTICAST address.
 */
final class JmsFeeder implements BenchTransport.Feeder, CompletionListener {

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    JmsFeeder(ActiveMQConnectionFactory factory) throws Exception {
        this.factory = factory;
        this.connection = factory.createConnection();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        this.producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
    }

    @Override
    public void send(String channel, int count, byte[] payload) throws Exception {
        var destination = ArtemisBenchTransport.sendDestination(channel);
        for (int i = 0; i < count; i++) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(payload);
            sent.incrementAndGet();
            producer.send(destination, message, this);
        }
    }

    @Override
    public void onCompletion(Message message) {
        confirmed.incrementAndGet();
    }

    @Override
    public void onException(Message message, Exception exception) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, exception);
    }

    @Override
    public void awaitConfirmed(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (confirmed.get() + failed.get() < sent.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + confirmed.get() + " of " + sent.get()
                        + " sends confirmed after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " sends failed", firstFailure.get());
        }
    }

    @Override
    public long unconfirmed() {
        return sent.get() - confirmed.get() - failed.get();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // closing anyway
        }
        factory.close();
    }
}
