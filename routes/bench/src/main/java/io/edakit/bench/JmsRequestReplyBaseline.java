package io.edakit.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSConstants;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Plain JMS request-reply, built the way one should: one exclusive reply queue created once
 * (a temporary queue of the connection, not one per request), correlation ids, a listener on the
 * reply queue completing the waiting caller, and a responder of plain JMS sessions. Requests and
 * replies are non-persistent, everything on one connection (as edakit uses one).
 */
final class JmsRequestReplyBaseline implements BenchTransport.RequestReplyBaseline {

    private static final long TIMEOUT_SECONDS = 30;

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final String channel;
    private final TemporaryQueue replyQueue;
    private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final String correlationPrefix = Long.toHexString(System.nanoTime()) + "-";
    private final AtomicLong correlationSequence = new AtomicLong();
    private final LongAdder answered = new LongAdder();

    JmsRequestReplyBaseline(ActiveMQConnectionFactory factory, String channel, int consumers) throws Exception {
        this.factory = factory;
        this.channel = channel;
        this.connection = factory.createConnection();
        for (int i = 0; i < consumers; i++) {
            Session session = connection.createSession(false, ActiveMQJMSConstants.INDIVIDUAL_ACKNOWLEDGE);
            MessageProducer replies = session.createProducer(null);
            replies.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            replies.setDisableMessageID(true);
            replies.setDisableMessageTimestamp(true);
            MessageConsumer requests = session.createConsumer(ArtemisBenchTransport.receiveDestination(channel));
            requests.setMessageListener(request -> respond(session, replies, request));
        }
        Session replySession = connection.createSession(false, ActiveMQJMSConstants.PRE_ACKNOWLEDGE);
        replyQueue = replySession.createTemporaryQueue();
        replySession.createConsumer(replyQueue).setMessageListener(this::onReply);
        connection.start();
    }

    private void respond(Session session, MessageProducer replies, Message request) {
        try {
            byte[] body = body(request);
            BytesMessage reply = session.createBytesMessage();
            reply.writeBytes(body);
            reply.setJMSCorrelationID(request.getJMSCorrelationID());
            replies.send(request.getJMSReplyTo(), reply);
            request.acknowledge();
            answered.increment();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private void onReply(Message reply) {
        try {
            CompletableFuture<byte[]> waiting = pending.remove(reply.getJMSCorrelationID());
            if (waiting != null) {
                waiting.complete(body(reply));
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(Message message) throws JMSException {
        BytesMessage bytes = (BytesMessage) message;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return body;
    }

    @Override
    public BenchTransport.Caller newCaller() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(ArtemisBenchTransport.sendDestination(channel));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        Destination replyTo = replyQueue;
        return new BenchTransport.Caller() {
            @Override
            public byte[] call(byte[] payload) throws Exception {
                String correlationId = correlationPrefix + correlationSequence.incrementAndGet();
                CompletableFuture<byte[]> reply = new CompletableFuture<>();
                pending.put(correlationId, reply);
                BytesMessage request = session.createBytesMessage();
                request.writeBytes(payload);
                request.setJMSCorrelationID(correlationId);
                request.setJMSReplyTo(replyTo);
                producer.send(request);
                try {
                    return reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } finally {
                    pending.remove(correlationId);
                }
            }

            @Override
            public void close() {
                try {
                    session.close();
                } catch (JMSException e) {
                    // closing anyway
                }
            }
        };
    }

    @Override
    public long answered() {
        return answered.sum();
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
