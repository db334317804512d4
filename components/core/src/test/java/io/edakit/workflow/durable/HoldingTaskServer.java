package io.edakit.workflow.durable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edakit.workflow.camel.WorkflowHeaders;
import io.edakit.workflow.path.JsonPaths;

/**
 * The tasks of {@link MapCancelCrashTest} as a plain HTTP server on a free loopback port of the test
 * JVM, called over HTTP by the workflow runners (Camel's http: component). Every call is counted. On
 * {@code /work} a body with {@code "hold": true} is held (never answered: the slow task), one with
 * {@code "fail": true} answers 500 at once, any other is echoed; {@code /after} echoes; {@code /handled}
 * is held until {@link #answerHandled()}.
 */
final class HoldingTaskServer implements AutoCloseable {

    /** One call as the server saw it. */
    record Call(String path, String executionId, String taskId, JsonNode body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean answerHandled;

    HoldingTaskServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** From now on {@code /handled} answers (held ones stay held: their caller is gone). */
    void answerHandled() {
        answerHandled = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JsonPaths.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(path, exchange.getRequestHeaders().getFirst(WorkflowHeaders.EXECUTION_ID),
                    exchange.getRequestHeaders().getFirst(WorkflowHeaders.TASK_ID), body));
            boolean hold = path.equals("/work") ? body.path("hold").asBoolean() : path.equals("/handled") && !answerHandled;
            if (hold) {
                closing.await(); // the slow task: answered never (its caller is stopped or killed first)
                return;
            }
            int status = path.equals("/work") && body.path("fail").asBoolean() ? 500 : 200;
            byte[] answer = JsonPaths.MAPPER.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
