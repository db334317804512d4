package io.edakit.routes;

import static io.edakit.testing.TestApp.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.edakit.app.cli.EdakitCli;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.envelope.EnvelopeRules;
import io.edakit.routes.router.UnroutedMessageException;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.JmsQueueReader;
import io.edakit.testing.RawHttp;
import io.edakit.testing.RawHttp.Header;
import io.edakit.testing.TestApp;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Events sent to every HTTP entry (ingress, request-reply, sender-router, saga start) by clients
 * that are not edakit: HTTP/1.1 written by hand on a socket in many header orders, the JDK's
 * HttpClient, and the CloudEvents Java SDK's HTTP binding in binary and structured mode. What
 * arrives is read where it lands, by a plain JMS client on the broker (ingress, router, dead
 * letters) or in the handler the entry calls (request-reply, saga), and must carry exactly the
 * attributes that were sent. Every event sent is accounted for: delivered, or rejected and kept
 * in a dead-letter channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HttpEntryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "edakit";
    private static final String PASSWORD = "test-secret";
    private static final byte[] ORDER = "{\"orderId\": 7}".getBytes(StandardCharsets.UTF_8);

    /** The four HTTP entries, where each answers, and what it answers an accepted event with. */
    private enum Entry {
        INGRESS("/h/ingress", 202, "h.ingress.dlq"),
        REQUEST_REPLY("/h/quote", 200, "h.quotes.dlq"),
        ROUTER("/h/route", 202, "h.unrouted"),
        SAGA("/h/saga", 202, "hsaga.dlq");

        final String path;
        final int accepted;
        final String deadLetterChannel;

        Entry(String path, int accepted, String deadLetterChannel) {
            this.path = path;
            this.accepted = accepted;
            this.deadLetterChannel = deadLetterChannel;
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Headers of each request the responder's handler was called with, in order. */
    private final List<Map<String, Object>> quoteRequests = Collections.synchronizedList(new ArrayList<>());
    /** Headers of each call of the saga's step, in order. */
    private final List<Map<String, Object>> sagaInputs = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, JmsQueueReader> readers = new ConcurrentHashMap<>();
    private final ArtemisFixture transport = new ArtemisFixture();
    private Path workDir;
    private HttpServer backend;
    private TestApp app;
    private int port;

    @BeforeAll
    void start() throws Exception {
        workDir = Files.createTempDirectory("edakit-http-entry-");
        backend = quoteBackend();
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.broker.user", USER);
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + workDir.resolve("saga").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        config.put("edakit.schema.directory", Path.of("..", "config", "schemas").toAbsolutePath().normalize().toString());
        instance(config, "h-ingress", "ingress", Map.of("from", "platform-http:/h/ingress", "channel", "h.ingress",
                "source", "/default", "type", "default.type", "schema-validation", "false"));
        instance(config, "h-validated", "ingress", Map.of("from", "platform-http:/h/validated", "channel", "h.valid"));
        instance(config, "h-quotes", "request-reply", Map.of("from", "platform-http:/h/quote", "channel", "h.quotes",
                "keep-headers", "tenant", "reply-headers", "x-quote-*"));
        instance(config, "h-quotes-direct", "request-reply", Map.of("from", "direct:h-quote-in", "channel", "h.quotes",
                "reply-headers", "x-quote-*"));
        instance(config, "h-quote-responder", "responder", Map.of("channel", "h.quotes", "handler", "direct:h-quote"));
        instance(config, "h-quotes-http", "request-reply", Map.of("from", "platform-http:/h/quote-http",
                "channel", "h.quotes.http"));
        instance(config, "h-quote-http-responder", "responder", Map.of("channel", "h.quotes.http",
                "handler", "http://127.0.0.1:" + backend.getAddress().getPort() + "/quote"));
        instance(config, "h-router", "sender-router", Map.of("from", "platform-http:/h/route",
                "rules", "${header.ce_type} == 'order.created' -> h.routed", "dead-letter-channel", "h.unrouted"));
        instance(config, "h-router-drop", "sender-router", Map.of("from", "platform-http:/h/route-drop",
                "rules", "${header.ce_type} == 'order.created' -> h.routed", "unmatched", "drop"));
        instance(config, "h-saga", "saga", Map.of("saga", "hsaga", "from", "platform-http:/h/saga",
                "steps", "record=direct:h-saga-step"));
        app = TestApp.start(workDir, "http-entry-app", config, handlers());
        port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
        // the first send to a channel creates its queue; only then may a plain JMS client read it
        // (one that came first would create a queue of its own kind)
        for (String path : List.of("/h/ingress", "/h/route")) {
            RawHttp.Response warmUp = postBinaryBody(path, Map.of("id", run + "-warm-up" + path.replace('/', '-'),
                    "type", "order.created"), "{}");
            assertThat(warmUp.status()).as(warmUp.body()).isEqualTo(202);
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (JmsQueueReader reader : readers.values()) {
            reader.close();
        }
        if (app != null) {
            app.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    private RouteBuilder handlers() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a responder that leaves headers of its own, as any handler may
                from("direct:h-quote").process(exchange -> {
                    var message = exchange.getMessage();
                    quoteRequests.add(new TreeMap<>(message.getHeaders()));
                    message.setHeader("Server", "responder/1.0");
                    message.setHeader("Set-Cookie", "session=secret");
                    message.setHeader("X-Internal", "do-not-forward");
                    message.setHeader("x-quote-valid-until", "2030-01-01T00:00:00Z");
                    message.setHeader("Content-Type", "text/plain; charset=UTF-8");
                    message.setBody("quote:" + message.getBody(String.class));
                });
                from("direct:h-saga-step").process(exchange -> sagaInputs.add(new TreeMap<>(exchange.getMessage().getHeaders())));
            }
        };
    }

    /** A real HTTP server as the responder's handler, answering with headers of its own. */
    private static HttpServer quoteBackend() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/quote", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] answer = "{\"price\": 42}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Server", "backend/1.0");
            exchange.getResponseHeaders().add("Set-Cookie", "backend-session=secret; HttpOnly");
            exchange.getResponseHeaders().add("X-Powered-By", "quote-engine");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    // ---------------------------------------------------------------- attributes arrive as sent

    /** The header lines of a request, in six orders; the ce-* lines carry the four attributes. */
    private static final List<List<String>> HEADER_ORDERS = List.of(
            List.of("Host", "ce-specversion", "ce-id", "ce-source", "ce-type", "Content-Type", "Content-Length", "Connection"),
            List.of("Host", "Connection", "Content-Length", "ce-type", "ce-source", "ce-id", "ce-specversion", "Content-Type"),
            List.of("Connection", "ce-id", "Content-Length", "ce-type", "Host", "ce-specversion", "Content-Type", "ce-source"),
            List.of("Content-Length", "ce-source", "Connection", "ce-specversion", "ce-type", "Content-Type", "ce-id", "Host"),
            List.of("User-Agent", "Accept", "Host", "ce-type", "ce-specversion", "Connection", "ce-id", "Content-Length",
                    "ce-source", "Content-Type"),
            List.of("Host", "CE-ID", "Content-Type", "Ce-Type", "Connection", "ce-SOURCE", "Content-Length", "CE-SpecVersion"));

    @Test
    void rawHttpInAnyHeaderOrderArrivesWithExactlyTheAttributesSent() {
        List<Sent> sent = new ArrayList<>();
        for (Entry entry : Entry.values()) {
            for (int order = 0; order < HEADER_ORDERS.size(); order++) {
                String id = run + "-raw-" + entry.ordinal() + "-" + order;
                Map<String, String> attributes = Map.of("specversion", "1.0", "id", id, "source", "/raw/" + order,
                        "type", "order.created");
                List<Header> headers = new ArrayList<>();
                for (String name : HEADER_ORDERS.get(order)) {
                    String attribute = name.toLowerCase(java.util.Locale.ROOT).startsWith("ce-")
                            ? attributes.get(name.substring(3).toLowerCase(java.util.Locale.ROOT)) : null;
                    headers.add(new Header(name, attribute != null ? attribute : switch (name) {
                        case "Host" -> "127.0.0.1:" + port;
                        case "Connection" -> "keep-alive";
                        case "Content-Length" -> String.valueOf(ORDER.length);
                        case "Content-Type" -> "application/json";
                        case "User-Agent" -> "curl/7.88.1";
                        default -> "*/*";
                    }));
                }
                RawHttp.Response response = RawHttp.post(port, entry.path, headers, ORDER);
                assertThat(response.status()).as("%s, header order %s: %s", entry, order, response.body())
                        .isEqualTo(entry.accepted);
                Map<String, String> expected = new TreeMap<>(attributes);
                expected.put("datacontenttype", "application/json");
                sent.add(new Sent(entry, id, expected, false));
            }
        }
        assertDeliveredExactly(sent);
    }

    @Test
    void theJdkHttpClientAndTheCloudEventsSdkArriveWithExactlyTheAttributesSent() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Sent> sent = new ArrayList<>();
        for (Entry entry : Entry.values()) {
            String id = run + "-jdk-" + entry.ordinal();
            Map<String, String> attributes = new TreeMap<>(Map.of("specversion", "1.0", "id", id, "source", "/jdk",
                    "type", "order.created", "time", "2025-01-31T10:15:30.250+02:00", "subject", "order/7",
                    "datacontenttype", "application/json", "tenant", "acme"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + entry.path))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ORDER));
            attributes.forEach((name, value) -> request.header(name.equals("datacontenttype") ? "Content-Type" : "ce-" + name, value));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", entry, response.body()).isEqualTo(entry.accepted);
            sent.add(new Sent(entry, id, attributes, true));

            for (boolean structured : new boolean[] {false, true}) {
                CloudEvent event = CloudEventBuilder.v1().withId(run + "-sdk-" + (structured ? "s-" : "b-") + entry.ordinal())
                        .withSource(URI.create("/sdk")).withType("order.created")
                        .withTime(OffsetDateTime.of(2025, 1, 31, 10, 15, 30, 0, ZoneOffset.UTC))
                        .withSubject("order/7").withDataSchema(URI.create("https://schemas.example/order.json"))
                        .withDataContentType("application/json").withExtension("tenant", "acme")
                        .withExtension("partitionkey", "customer-7").withData(ORDER).build();
                Map<String, String> headers = new LinkedHashMap<>();
                byte[][] body = new byte[1][];
                var writer = HttpMessageFactory.createWriter(headers::put, bytes -> body[0] = bytes);
                if (structured) {
                    writer.writeStructured(event, JsonFormat.CONTENT_TYPE);
                } else {
                    writer.writeBinary(event);
                }
                HttpRequest.Builder sdkRequest = HttpRequest.newBuilder(URI.create(app.baseUrl() + entry.path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body[0]));
                headers.forEach(sdkRequest::header);
                HttpResponse<String> sdkResponse = client.send(sdkRequest.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(sdkResponse.statusCode()).as("%s, SDK %s: %s", entry, structured ? "structured" : "binary",
                        sdkResponse.body()).isEqualTo(entry.accepted);
                sent.add(new Sent(entry, event.getId(), attributesOf(event), true));
            }
        }
        assertDeliveredExactly(sent);
    }

    /** One event sent: where to, and the attributes it must arrive with (time stamped when not sent). */
    private record Sent(Entry entry, String id, Map<String, String> attributes, boolean timeSent) {
    }

    private static Map<String, String> attributesOf(CloudEvent event) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("specversion", event.getSpecVersion().toString());
        attributes.put("id", event.getId());
        attributes.put("source", event.getSource().toString());
        attributes.put("type", event.getType());
        attributes.put("time", event.getTime().toString());
        attributes.put("subject", event.getSubject());
        attributes.put("dataschema", event.getDataSchema().toString());
        attributes.put("datacontenttype", event.getDataContentType());
        event.getExtensionNames().forEach(name -> attributes.put(name, String.valueOf(event.getExtension(name))));
        return attributes;
    }

    private void assertDeliveredExactly(List<Sent> sent) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (Sent one : sent) {
                assertThat(delivered(one.entry(), one.id())).as("%s %s arrived", one.entry(), one.id()).isNotNull();
            }
        });
        for (Sent one : sent) {
            Map<String, String> delivered = delivered(one.entry(), one.id());
            Set<String> names = new TreeSet<>(one.attributes().keySet());
            names.add("time"); // stamped at entry when the sender gave none
            assertThat(delivered.keySet()).as("%s %s: the attributes that arrived", one.entry(), one.id())
                    .containsExactlyInAnyOrderElementsOf(names);
            one.attributes().forEach((name, value) -> {
                if (name.equals("time")) {
                    assertThat(EnvelopeRules.parseTime(delivered.get(name))).as("%s %s time", one.entry(), one.id())
                            .isEqualTo(OffsetDateTime.parse(value));
                } else {
                    assertThat(delivered.get(name)).as("%s %s attribute %s", one.entry(), one.id(), name).isEqualTo(value);
                }
            });
            assertThat(EnvelopeRules.parseTime(delivered.get("time"))).isNotNull();
        }
        // delivered once each: two events never merge into one id, none is duplicated
        for (Entry entry : Entry.values()) {
            List<String> ids = sent.stream().filter(one -> one.entry() == entry).map(Sent::id).toList();
            assertThat(deliveredIds(entry).stream().filter(ids::contains).toList())
                    .as("%s deliveries", entry).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    /** The envelope (attribute name without prefix, text) of event {@code id} where it arrived, or null. */
    private Map<String, String> delivered(Entry entry, String id) {
        return switch (entry) {
            case INGRESS -> onBroker("h.ingress", id);
            case ROUTER -> onBroker("h.routed", id);
            case REQUEST_REPLY -> handled(quoteRequests, id);
            case SAGA -> handled(sagaInputs, id);
        };
    }

    private List<String> deliveredIds(Entry entry) {
        return switch (entry) {
            case INGRESS -> reader("h.ingress").received().stream().map(m -> String.valueOf(m.property("ce_id"))).toList();
            case ROUTER -> reader("h.routed").received().stream().map(m -> String.valueOf(m.property("ce_id"))).toList();
            case REQUEST_REPLY -> ids(quoteRequests);
            case SAGA -> ids(sagaInputs);
        };
    }

    private static Map<String, String> handled(List<Map<String, Object>> calls, String id) {
        synchronized (calls) {
            return calls.stream().filter(headers -> id.equals(headers.get("ce_id"))).findFirst()
                    .map(HttpEntryTest::envelope).orElse(null);
        }
    }

    private static List<String> ids(List<Map<String, Object>> calls) {
        synchronized (calls) {
            return calls.stream().map(headers -> String.valueOf(headers.get("ce_id"))).toList();
        }
    }

    private static Map<String, Object> handledHeaders(List<Map<String, Object>> calls, String id) {
        synchronized (calls) {
            return calls.stream().filter(headers -> id.equals(headers.get("ce_id"))).findFirst().orElseThrow();
        }
    }

    private Map<String, String> onBroker(String channel, String id) {
        return reader(channel).received().stream().filter(message -> id.equals(message.property("ce_id")))
                .findFirst().map(message -> envelope(message.properties())).orElse(null);
    }

    private static Map<String, String> envelope(Map<String, ?> headers) {
        Map<String, String> attributes = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith("ce_")) {
                attributes.put(name.substring(3), String.valueOf(value));
            }
        });
        return attributes;
    }

    /** A plain JMS reader of the channel's queue, started on first use (after the first send created the queue). */
    private JmsQueueReader reader(String channel) {
        return readers.computeIfAbsent(channel, c -> {
            try {
                return new JmsQueueReader(transport.clientSettings().get("edakit.broker.url"), USER, PASSWORD, c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // ---------------------------------------------------------------- the envelope rules

    /** One invalid envelope, sent in binary mode (header lines) and in structured mode (JSON). */
    private record Invalid(String name, Map<String, String> attributes, String problem) {
    }

    @Test
    void everyEntryRejectsTheSameInvalidEnvelopesInBinaryAndStructuredModeAndKeepsThem() {
        List<Invalid> cases = List.of(
                new Invalid("version", Map.of("specversion", "0.3", "source", "/rules", "type", "order.created"),
                        "has specversion '0.3', but only 1.0 is supported"),
                new Invalid("time", Map.of("specversion", "1.0", "source", "/rules", "type", "order.created",
                        "time", "31.01.2025 10:15"),
                        "has time '31.01.2025 10:15', which is not an RFC 3339 timestamp (such as 2025-01-31T10:15:30Z)"),
                new Invalid("empty", Map.of("specversion", "1.0", "source", "", "type", "order.created"),
                        "has empty attribute(s): source"),
                new Invalid("incomplete", Map.of("specversion", "1.0", "source", "/rules"),
                        "lacks mandatory attribute(s): type"));
        Map<Entry, List<String>> rejected = new LinkedHashMap<>();
        for (Entry entry : Entry.values()) {
            for (Invalid invalid : cases) {
                for (boolean structured : new boolean[] {false, true}) {
                    String id = run + "-bad-" + invalid.name() + "-" + (structured ? "s" : "b") + "-" + entry.ordinal();
                    Map<String, String> attributes = new TreeMap<>(invalid.attributes());
                    attributes.put("id", id);
                    RawHttp.Response response = structured ? postStructured(entry.path, attributes)
                            : postBinary(entry.path, attributes);
                    assertThat(response.status()).as("%s %s", entry, id).isEqualTo(400);
                    JsonObject answer = json(response.body());
                    assertThat(answer.getString("error")).isEqualTo(entry == Entry.SAGA ? "invalid-saga-start" : "invalid-event");
                    assertThat(answer.getString("message")).as("%s %s", entry, id)
                            .isEqualTo((structured ? "structured CloudEvent " : "event ") + id + " " + invalid.problem());
                    assertThat(answer.getString("deadLetterChannel")).isEqualTo(entry.deadLetterChannel);
                    rejected.computeIfAbsent(entry, e -> new ArrayList<>()).add(id);
                }
            }
        }
        // each one is kept in its entry's dead-letter channel with the reason, and none went further
        for (Entry entry : Entry.values()) {
            List<String> ids = rejected.get(entry);
            await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetterIds(entry.deadLetterChannel))
                    .containsAll(ids));
            for (JmsQueueReader.Received dead : reader(entry.deadLetterChannel).received()) {
                String id = idOfDeadLetter(dead);
                if (ids.contains(id)) {
                    assertThat(String.valueOf(dead.property(FailureHeaders.MESSAGE))).contains(id)
                            .endsWith(cases.stream().filter(c -> id.contains("-bad-" + c.name() + "-")).findFirst()
                                    .orElseThrow().problem());
                    assertThat(dead.property(FailureHeaders.CHANNEL)).as("only ingress names a channel to send it on")
                            .isEqualTo(entry == Entry.INGRESS ? "h.ingress" : null);
                }
            }
            assertThat(deliveredIds(entry)).as("%s never delivers a rejected event", entry).doesNotContainAnyElementsOf(ids);
        }
    }

    private RawHttp.Response postBinary(String path, Map<String, String> attributes) {
        return postBinaryBody(path, attributes, new String(ORDER, StandardCharsets.UTF_8));
    }

    private RawHttp.Response postStructured(String path, Map<String, String> attributes) {
        JsonObject event = new JsonObject(new LinkedHashMap<>(attributes));
        event.put("data", json(new String(ORDER, StandardCharsets.UTF_8)));
        byte[] body = event.toJson().getBytes(StandardCharsets.UTF_8);
        return RawHttp.post(port, path, List.of(new Header("Host", "127.0.0.1:" + port),
                new Header("Content-Type", "application/cloudevents+json"),
                new Header("Content-Length", String.valueOf(body.length))), body);
    }

    /** A dead letter's event id: its ce_id header (binary mode), or the id inside its structured body. */
    private static String idOfDeadLetter(JmsQueueReader.Received dead) {
        Object id = dead.property("ce_id");
        if (id != null) {
            return id.toString();
        }
        return dead.body().startsWith("{") ? json(dead.body()).getString("id") : null;
    }

    private List<String> deadLetterIds(String channel) {
        return reader(channel).received().stream().map(HttpEntryTest::idOfDeadLetter).toList();
    }

    private static JsonObject json(String text) {
        return (JsonObject) Jsoner.deserialize(text, new JsonObject());
    }

    // ---------------------------------------------------------------- what request-reply answers

    /** Framing and connection headers of any HTTP answer: not the application's. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

    private static Set<String> applicationHeaders(RawHttp.Response response) {
        return response.headers().keySet().stream().map(name -> name.toLowerCase(java.util.Locale.ROOT))
                .filter(name -> !FRAMING.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void requestReplyAnswersWithTheReplyEnvelopeContentTypeAndPromisedHeadersOnly() throws Exception {
        String id = run + "-reply";
        RawHttp.Response response = RawHttp.post(port, "/h/quote", List.of(new Header("Host", "127.0.0.1:" + port),
                new Header("ce-id", id), new Header("ce-type", "quote.requested"), new Header("tenant", "acme"),
                new Header("Authorization", "Bearer caller-secret"), new Header("Content-Type", "text/plain"),
                new Header("Content-Length", "4")), "ACME".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("quote:ACME");
        assertThat(applicationHeaders(response)).containsExactly("ce-id", "ce-source", "ce-specversion", "ce-time",
                "ce-type", "content-type", "x-quote-valid-until");
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(response.header("x-quote-valid-until")).isEqualTo("2030-01-01T00:00:00Z");
        // the handler had the caller's kept header, the caller does not get it back, nor the responder's own
        assertThat(handledHeaders(quoteRequests, id)).containsEntry("tenant", "acme").doesNotContainKey("Authorization");

        // the answer is a binary-mode CloudEvent: the request's envelope, the reply's data
        MessageReader reader = HttpMessageFactory.createReader(response.singleHeaders(),
                response.body().getBytes(StandardCharsets.UTF_8));
        CloudEvent reply = reader.toEvent();
        assertThat(reply.getId()).isEqualTo(id);
        assertThat(reply.getType()).isEqualTo("quote.requested");
        assertThat(reply.getSource()).hasToString("edakit");
        assertThat(reply.getDataContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(new String(reply.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("quote:ACME");
    }

    @Test
    void requestReplyDoesNotForwardTheResponseHeadersOfAnHttpResponder() {
        String id = run + "-reply-http";
        RawHttp.Response response = RawHttp.post(port, "/h/quote-http", List.of(new Header("Host", "127.0.0.1:" + port),
                new Header("Content-Type", "text/plain"), new Header("ce-id", id), new Header("Content-Length", "4")),
                "ACME".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"price\": 42}");
        assertThat(applicationHeaders(response)).containsExactly("ce-id", "ce-source", "ce-specversion", "ce-time",
                "ce-type", "content-type");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("ce-id")).isEqualTo(id);
    }

    @Test
    void aCallerInsideTheApplicationGetsTheSameReplyInEdakitsSpellingAndKeepsItsLocalHeaders() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("ce_id", run + "-reply-direct");
        headers.put("callerState", "not sent, not returned");
        headers.put("CamelCallerMarker", "the caller's route state");
        var reply = app.context().createProducerTemplate().request("direct:h-quote-in", exchange -> {
            exchange.getMessage().setBody("ACME");
            exchange.getMessage().setHeaders(new LinkedHashMap<>(headers));
        });

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(String.class)).isEqualTo("quote:ACME");
        assertThat(reply.getMessage().getHeaders()).containsEntry("ce_id", run + "-reply-direct")
                .containsEntry("x-quote-valid-until", "2030-01-01T00:00:00Z")
                .containsEntry("Content-Type", "text/plain; charset=UTF-8")
                .containsEntry("ce_datacontenttype", "text/plain; charset=UTF-8")
                .containsEntry("CamelCallerMarker", "the caller's route state")
                .doesNotContainKeys("callerState", "Server", "Set-Cookie", "X-Internal", "ce-id");
    }

    // ---------------------------------------------------------------- dead letters an operator can send on

    @Test
    void anIngressRejectIsRedrivenToTheChannelItWasMeantFor() throws Exception {
        String invalid = run + "-schema";
        String badTime = run + "-schema-time";
        String violating = "{\"orderId\": \"seven\", \"kind\": \"physical\", \"amount\": 5, \"currency\": \"EUR\"}";
        RawHttp.Response rejected = postBinaryBody("/h/validated", Map.of("id", invalid, "type", "order.created"), violating);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(json(rejected.body()).getString("channel")).isEqualTo("h.valid");
        RawHttp.Response rejectedTime = postBinaryBody("/h/validated", Map.of("id", badTime, "type", "order.created",
                "time", "now"), violating);
        assertThat(rejectedTime.status()).isEqualTo(400);

        // looked at with a queue browser: the dead letters stay where the redrive will find them
        String url = transport.clientSettings().get("edakit.broker.url");
        await().atMost(WAIT).until(() -> JmsQueueReader.browse(url, USER, PASSWORD, "h.valid.dlq").stream()
                .map(HttpEntryTest::idOfDeadLetter).toList().containsAll(List.of(invalid, badTime)));
        JmsQueueReader.Received dead = JmsQueueReader.browse(url, USER, PASSWORD, "h.valid.dlq").stream()
                .filter(message -> invalid.equals(message.property("ce_id"))).findFirst().orElseThrow();
        assertThat(dead.properties()).containsEntry(FailureHeaders.CHANNEL, "h.valid")
                .containsEntry(FailureHeaders.ROUTE, "h-validated");
        assertThat(String.valueOf(dead.property(FailureHeaders.EXCEPTION))).endsWith("SchemaViolationException");

        // the operator accepts what the schema refused: the redrive sends it on to the channel it was meant for
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new EdakitCli());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("dlq", "redrive", "h.valid.dlq", "--config", app.configFile().toString(),
                "--filter", "edakit_failure_exception LIKE '%SchemaViolation%'")).isZero();
        assertThat(out.toString()).contains("\"moved\": 1").contains("\"notSelected\": 1");

        await().atMost(WAIT).until(() -> reader("h.valid").received().stream()
                .anyMatch(message -> invalid.equals(message.property("ce_id"))));
        JmsQueueReader.Received arrived = reader("h.valid").received().stream()
                .filter(message -> invalid.equals(message.property("ce_id"))).findFirst().orElseThrow();
        assertThat(arrived.body()).isEqualTo(violating);
        assertThat(arrived.properties()).containsEntry("ce_type", "order.created").containsEntry(FailureHeaders.REDRIVE_COUNT, "1")
                .doesNotContainKeys(FailureHeaders.CHANNEL, FailureHeaders.EXCEPTION);
        assertThat(reader("h.valid").received()).extracting(message -> message.property("ce_id")).doesNotContain(badTime);
        assertThat(JmsQueueReader.browse(url, USER, PASSWORD, "h.valid.dlq")).extracting(HttpEntryTest::idOfDeadLetter)
                .containsExactly(badTime);
    }

    private RawHttp.Response postBinaryBody(String path, Map<String, String> attributes, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Host", "127.0.0.1:" + port));
        attributes.forEach((name, value) -> headers.add(new Header("ce-" + name, value)));
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header("Content-Length", String.valueOf(bytes.length)));
        return RawHttp.post(port, path, headers, bytes);
    }

    @Test
    void anUnmatchedRouterEventOverHttpIsAnswered202AndKept() {
        String id = run + "-unrouted";
        RawHttp.Response response = postBinaryBody("/h/route", Map.of("id", id, "type", "order.teleported"), "{\"n\": 1}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(applicationHeaders(response)).containsExactly("content-type");
        JsonObject answer = json(response.body());
        assertThat(answer).containsEntry("id", id).containsEntry("deadLettered", true)
                .containsEntry("deadLetterChannel", "h.unrouted").containsEntry("reason", "no router rule matches the message");

        await().atMost(WAIT).until(() -> deadLetterIds("h.unrouted").contains(id));
        JmsQueueReader.Received dead = reader("h.unrouted").received().stream()
                .filter(message -> id.equals(message.property("ce_id"))).findFirst().orElseThrow();
        assertThat(dead.body()).isEqualTo("{\"n\": 1}");
        assertThat(dead.properties()).containsEntry(FailureHeaders.EXCEPTION, UnroutedMessageException.class.getName())
                .containsEntry("ce_type", "order.teleported");

        String dropped = run + "-dropped";
        RawHttp.Response drop = postBinaryBody("/h/route-drop", Map.of("id", dropped, "type", "order.teleported"), "{}");
        assertThat(drop.status()).isEqualTo(202);
        assertThat(applicationHeaders(drop)).containsExactly("content-type");
        assertThat(json(drop.body())).containsEntry("id", dropped).containsEntry("dropped", true);
        assertThat(app.messages("h-router-drop", "dropped")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- the configuration's own example

    private static Map<String, String> properties(Path file) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /**
     * The curl of {@code config/event-bus.properties}, byte for byte as curl 7.88 writes it, against
     * that configuration and its rules file: the order reaches the rules it should (warehouse, and
     * audit for a tenant other than acme) and no other.
     */
    @Test
    void theEventBusCurlOfTheConfigurationReachesItsRules() throws Exception {
        Map<String, List<Map<String, Object>>> handled = new ConcurrentHashMap<>();
        // the configuration as shipped, with the broker and the consumers' handlers moved to the test
        Map<String, String> config = new LinkedHashMap<>(properties(Path.of("..", "config", "event-bus.properties")));
        config.putAll(new ArtemisFixture().appSettings(workDir.resolve("bus-app")));
        config.put("camel.route-template[bus].rules-file",
                Path.of("..", "config", "event-bus-rules.yaml").toAbsolutePath().normalize().toString());
        for (String target : List.of("warehouse", "downloads", "audit")) {
            config.put("camel.route-template[" + target + "].handler", "direct:readme-" + target);
        }
        RouteBuilder targets = new RouteBuilder() {
            @Override
            public void configure() {
                for (String target : List.of("warehouse", "downloads", "audit")) {
                    from("direct:readme-" + target).process(exchange -> handled
                            .computeIfAbsent(target, t -> Collections.synchronizedList(new ArrayList<>()))
                            .add(Map.of("body", exchange.getMessage().getBody(String.class),
                                    "headers", new TreeMap<>(exchange.getMessage().getHeaders()))));
                }
            }
        };
        try (TestApp bus = TestApp.start(workDir, "event-bus-readme", config, targets)) {
            int busPort = Integer.parseInt(bus.baseUrl().substring(bus.baseUrl().lastIndexOf(':') + 1));
            RawHttp.Response response = RawHttp.post(busPort, "/events", List.of(
                    new Header("Host", "127.0.0.1:" + busPort), new Header("User-Agent", "curl/7.88.1"),
                    new Header("Accept", "*/*"), new Header("Content-Type", "application/json"),
                    new Header("ce-type", "order.created"), new Header("kind", "physical"),
                    new Header("ce-tenant", "globex"), new Header("Content-Length", "14")),
                    "{\"orderId\": 9}".getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            String id = json(response.body()).getString("id");

            Function<String, List<Map<String, Object>>> curlOrders = target -> handled.getOrDefault(target, List.of())
                    .stream().filter(call -> "{\"orderId\": 9}".equals(call.get("body"))).toList();
            await().atMost(WAIT).until(() -> curlOrders.apply("warehouse").size() == 1 && curlOrders.apply("audit").size() == 1);
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) curlOrders.apply("warehouse").get(0).get("headers");
            assertThat(headers).containsEntry("ce_type", "order.created").containsEntry("ce_tenant", "globex")
                    .containsEntry("kind", "physical").containsEntry("ce_id", id);
            // the demo timer's digital orders keep the downloads rule busy, so its handler is known to be live
            await().atMost(WAIT).until(() -> !handled.getOrDefault("downloads", List.of()).isEmpty());
            assertThat(curlOrders.apply("downloads")).isEmpty();
            assertThat(curlOrders.apply("warehouse")).hasSize(1);
            assertThat(curlOrders.apply("audit")).hasSize(1);
        }
    }

    /**
     * The shipped saga example with its demo participants: a malformed start is answered 400 and kept
     * in the dead-letter channel. (A top-level {@code errorHandler: noErrorHandler} in the participants'
     * file once made the context's error handler none, so this start was answered 500 and lost.)
     */
    @Test
    void theShippedSagaExampleRejectsABadStartAndKeepsIt() throws Exception {
        Map<String, String> config = new LinkedHashMap<>(properties(Path.of("..", "config", "saga.properties")));
        ArtemisFixture broker = new ArtemisFixture();
        config.putAll(broker.appSettings(workDir.resolve("saga-example")));
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + workDir.resolve("saga-example/log").toAbsolutePath());
        config.put("camel.route-template[orders].definition",
                Path.of("..", "config", "order-saga.yaml").toAbsolutePath().normalize().toString());
        try (TestApp saga = TestApp.start(workDir, "saga-example", config, new RouteBuilder() {
            @Override
            public void configure() {
            }
        })) {
            int sagaPort = Integer.parseInt(saga.baseUrl().substring(saga.baseUrl().lastIndexOf(':') + 1));
            String id = run + "-example-bad-version";
            RawHttp.Response response = RawHttp.post(sagaPort, "/orders", List.of(
                    new Header("Host", "127.0.0.1:" + sagaPort), new Header("Content-Type", "application/json"),
                    new Header("ce-specversion", "0.3"), new Header("ce-id", id), new Header("ce-source", "/shop"),
                    new Header("ce-type", "order.placed"), new Header("Content-Length", String.valueOf(ORDER.length))),
                    ORDER);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(json(response.body()).getString("deadLetterChannel")).isEqualTo("order.dlq");
            try (JmsQueueReader dead = new JmsQueueReader(broker.clientSettings().get("edakit.broker.url"), USER, PASSWORD,
                    "order.dlq")) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(dead.received().stream()
                        .map(HttpEntryTest::idOfDeadLetter)).contains(id));
            }
        }
    }
}
