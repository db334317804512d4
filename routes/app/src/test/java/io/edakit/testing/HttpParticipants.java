package io.edakit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Saga participants another process calls over HTTP ({@code http://127.0.0.1:port/<name>}): every
 * call is recorded with its saga headers; a call whose body contains {@code fail-<name>} is
 * answered 500, and one containing {@code hold-<name>} waits until {@link #release} (so a test can
 * kill the caller while the call is in flight).
 */
public final class HttpParticipants implements AutoCloseable {

    /** One call received. */
    public record Call(String name, String sagaId, String stepId, String attempt, String body) {
    }

    private final HttpServer server;
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    public HttpParticipants(String... names) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        for (String name : names) {
            holds.put(name, new CountDownLatch(1));
            server.createContext("/" + name, exchange -> handle(name, exchange));
        }
        server.start();
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** Lets held calls of {@code name} (and later ones) through. */
    public void release(String name) {
        holds.get(name).countDown();
    }

    public List<Call> calls(String sagaId) {
        return calls.stream().filter(call -> sagaId.equals(call.sagaId())).toList();
    }

    public List<String> names(String sagaId) {
        return calls(sagaId).stream().map(Call::name).toList();
    }

    private void handle(String name, HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        calls.add(new Call(name, exchange.getRequestHeaders().getFirst("EdakitSagaId"),
                exchange.getRequestHeaders().getFirst("EdakitSagaStep"),
                exchange.getRequestHeaders().getFirst("EdakitSagaAttempt"), body));
        int status = 200;
        try {
            if (body.contains("hold-" + name)) {
                holds.get(name).await(5, TimeUnit.MINUTES);
            }
            if (body.contains("fail-" + name)) {
                status = 500;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
        }
        byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException callerGone) {
            // the caller was killed while waiting: nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        holds.values().forEach(CountDownLatch::countDown);
        server.stop(0);
    }
}
