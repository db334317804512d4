package io.edakit.transport.artemis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.edakit.transport.ChannelMessage;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.SendAcknowledgementHandler;

/**
 * A fixed set of producer sessions shared by every sender of the instance. An Artemis session
 * serves one thread at a time, so each send borrows one for the few microseconds the (non-blocking)
 * send takes; the confirmation arrives later through the returned stage.
 */
final class ProducerPool implements AutoCloseable {

    private record PooledProducer(ClientSession session, ClientProducer producer) {
    }

    private final BlockingQueue<PooledProducer> idle;
    private final List<PooledProducer> all = new ArrayList<>();

    ProducerPool(ArtemisConnection connection, int size) throws ActiveMQException {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            ClientSession session = connection.producerSession();
            PooledProducer pooled = new PooledProducer(session, session.createProducer());
            all.add(pooled);
            idle.add(pooled);
        }
    }

    CompletionStage<Void> send(String address, ChannelMessage message, boolean durable, RoutingType routing) {
        PooledProducer pooled;
        try {
            pooled = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        try {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            ClientProducerSend.send(pooled.producer(), SimpleString.of(address),
                    ArtemisMessages.toCore(pooled.session(), message, durable, routing), confirmed);
            return confirmed;
        } catch (ActiveMQException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            idle.add(pooled);
        }
    }

    @Override
    public void close() {
        for (PooledProducer pooled : all) {
            try {
                pooled.session().close();
            } catch (ActiveMQException ignored) {
                // closing anyway
            }
        }
    }

    /** Bridges Artemis' send acknowledgement callback to a future. */
    private static final class ClientProducerSend implements SendAcknowledgementHandler {
        private final CompletableFuture<Void> confirmed;

        private ClientProducerSend(CompletableFuture<Void> confirmed) {
            this.confirmed = confirmed;
        }

        static void send(ClientProducer producer, SimpleString address, Message message,
                         CompletableFuture<Void> confirmed) throws ActiveMQException {
            producer.send(address, message, new ClientProducerSend(confirmed));
        }

        @Override
        public void sendAcknowledged(Message message) {
            confirmed.complete(null);
        }

        @Override
        public void sendFailed(Message message, Exception e) {
            confirmed.completeExceptionally(e);
        }
    }
}
