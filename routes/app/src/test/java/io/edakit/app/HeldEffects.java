package io.edakit.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP endpoint whose calls are a handler's effects (the body names the message): it answers the
 * first {@code answerFirst} calls and holds the later ones, so that a test can kill the caller with
 * calls in flight whose effect never happened. After {@link #dropHeld} the held calls end without an
 * effect and every later call is answered.
 */
final class HeldEffects implements AutoCloseable {

    private final HttpServer server;
    private final int answerFirst;
    private final List<String> effected = new ArrayList<>();
    private final Set<String> heldIds = new HashSet<>();
    private final Map<String, Long> effectedAtNanos = new HashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch dropped = new CountDownLatch(1);
    private volatile boolean open;

    HeldEffects(int answerFirst) throws IOException {
        this.answerFirst = answerFirst;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/effect", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/effect";
    }

    /** Calls being held now. */
    int held() {
        return held.get();
    }

    /** Ends the held calls without an effect (their caller is gone) and answers every later call. */
    void dropHeld() {
        open = true;
        dropped.countDown();
    }

    /** The messages whose effect happened (answered 200), in order, repeats included. */
    synchronized List<String> effected() {
        return List.copyOf(effected);
    }

    /** The messages whose calls were held and dropped: in flight when the caller was killed. */
    synchronized Set<String> heldIds() {
        return Set.copyOf(heldIds);
    }

    /** When the last of the held messages had its effect ({@link System#nanoTime}), if all have. */
    synchronized Optional<Long> heldDoneAtNanos() {
        if (heldIds.isEmpty() || !effectedAtNanos.keySet().containsAll(heldIds)) {
            return Optional.empty();
        }
        return heldIds.stream().map(effectedAtNanos::get).max(Long::compare);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String id;
        try (InputStream in = exchange.getRequestBody()) {
            id = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean answer;
        synchronized (this) {
            answer = open || effected.size() < answerFirst;
            if (answer) {
                effected.add(id);
                effectedAtNanos.putIfAbsent(id, System.nanoTime());
            } else {
                heldIds.add(id);
            }
        }
        int status = 200;
        if (!answer) {
            held.incrementAndGet();
            try {
                dropped.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 503;
        }
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException callerGone) {
            // the caller was killed while waiting
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        dropped.countDown();
        server.stop(0);
    }
}
