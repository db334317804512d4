package io.edakit.channel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelSender;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.ReplyInbox;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both sides of request-reply for one application instance.
 *
 * <p>Requester: every request carries this instance's inbox address and a fresh correlation id;
 * the caller's exchange waits (asynchronously, no thread held) until the reply with that id
 * arrives or its timeout passes. A reply that arrives after its timeout finds no waiting caller:
 * it is counted as late and discarded, never handed to another caller.
 *
 * <p>Responder: once a request's route has finished, its result (or its failure) goes back to the
 * reply address with the request's correlation id.
 */
final class RequestReply implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestReply.class);

    private record Pending(Exchange exchange, AsyncCallback callback, ScheduledFuture<?> timeout) {
    }

    private final ChannelTransport transport;
    private final ScheduledExecutorService timer;
    private final Executor completions;
    private final String correlationPrefix = Long.toHexString(System.nanoTime()) + "-";
    private final AtomicLong correlationSequence = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final LongAdder lateReplies = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private volatile ReplyInbox inbox;

    RequestReply(ChannelTransport transport, ScheduledExecutorService timer, Executor completions) {
        this.transport = transport;
        this.timer = timer;
        this.completions = completions;
    }

    /** Sends the request and completes the exchange with the reply later; always asynchronous. */
    boolean request(Exchange exchange, ChannelSender sender, ChannelMessage request, long timeoutMillis,
                    AsyncCallback callback) {
        String correlationId = correlationPrefix + correlationSequence.incrementAndGet();
        ScheduledFuture<?> timeout = timer.schedule(() -> expire(correlationId, timeoutMillis),
                timeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(correlationId, new Pending(exchange, callback, timeout));
        try {
            sender.send(request.withReplyTo(inbox().address(), correlationId))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            fail(correlationId, failure);
                        }
                    });
        } catch (Exception e) {
            fail(correlationId, e);
        }
        return false;
    }

    private void expire(String correlationId, long timeoutMillis) {
        Pending waiting = pending.remove(correlationId);
        if (waiting != null) {
            timeouts.increment();
            waiting.exchange().setException(new ExchangeTimedOutException(waiting.exchange(), timeoutMillis,
                    "no reply within " + timeoutMillis + " ms"));
            completions.execute(() -> waiting.callback().done(false));
        }
    }

    private void fail(String correlationId, Throwable failure) {
        Pending waiting = pending.remove(correlationId);
        if (waiting != null) {
            waiting.timeout().cancel(false);
            waiting.exchange().setException(failure);
            completions.execute(() -> waiting.callback().done(false));
        }
    }

    private void onReply(ChannelMessage reply) {
        Pending waiting = reply.correlationId() == null ? null : pending.remove(reply.correlationId());
        if (waiting == null) {
            lateReplies.increment();
            LOG.debug("Discarded a reply nobody waits for (late or unknown): correlation id {}", reply.correlationId());
            return;
        }
        waiting.timeout().cancel(false);
        Exchange exchange = waiting.exchange();
        ExchangeMapping.copyReply(exchange, reply);
        String error = reply.headers().get(ChannelHeaders.REPLY_ERROR);
        if (error != null) {
            exchange.setException(new RemoteHandlerException(reply.headers().get(ChannelHeaders.REPLY_ERROR_TYPE), error));
        }
        completions.execute(() -> waiting.callback().done(false));
    }

    /** Responder side: answers {@code request} with the outcome of {@code exchange}. */
    CompletionStage<Void> sendReply(Exchange exchange, ChannelMessage request) {
        try {
            ChannelMessage reply;
            Exception failure = exchange.getException();
            if (failure == null) {
                reply = ExchangeMapping.toChannelMessage(exchange.getMessage());
            } else {
                Map<String, String> headers = new HashMap<>();
                headers.put(ChannelHeaders.REPLY_ERROR, String.valueOf(failure.getMessage()));
                headers.put(ChannelHeaders.REPLY_ERROR_TYPE, failure.getClass().getName());
                reply = ChannelMessage.of(null, headers, null);
                LOG.warn("Request on {} failed; the caller gets the error: {}", exchange.getFromEndpoint(), failure.toString());
            }
            return transport.sendReply(request.replyTo(), reply.withCorrelationId(request.correlationId()))
                    .whenComplete((ignored, sendFailure) -> {
                        if (sendFailure != null) {
                            LOG.warn("Could not send a reply to {}: {}", request.replyTo(), sendFailure.toString());
                        }
                    });
        } catch (Exception e) {
            LOG.warn("Could not build a reply for {}: {}", request.replyTo(), e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }

    private ReplyInbox inbox() throws Exception {
        ReplyInbox current = inbox;
        if (current == null) {
            synchronized (this) {
                if (inbox == null) {
                    inbox = transport.openReplyInbox(this::onReply);
                }
                current = inbox;
            }
        }
        return current;
    }

    long lateReplies() {
        return lateReplies.sum();
    }

    long timeouts() {
        return timeouts.sum();
    }

    int waiting() {
        return pending.size();
    }

    @Override
    public synchronized void close() {
        if (inbox != null) {
            inbox.close();
            inbox = null;
        }
    }
}
