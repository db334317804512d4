package io.edakit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP/1.1 written by hand on a socket: the request goes out exactly as given (header order,
 * spelling, framing headers), as curl or any other client would write it, with no client library
 * in between, from a chosen local address if asked (to look like another host to a loopback
 * server). Answers are read with their framing (Content-Length or chunked).
 */
public final class RawHttp {

    /** One header line, as it goes on the wire. */
    public record Header(String name, String value) {
    }

    /** The answer: status, headers by name ignoring case (each with its values), body text. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        /** The headers with one value each, as a CloudEvents reader takes them. */
        public Map<String, String> singleHeaders() {
            Map<String, String> single = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> single.put(name, values.get(0)));
            return single;
        }
    }

    private RawHttp() {
    }

    /** Writes {@code POST path} with exactly these header lines, then the body. */
    public static Response post(int port, String path, List<Header> headers, byte[] body) {
        return exchange(null, port, "POST " + path, headers, body);
    }

    /**
     * Sends {@code method path} from {@code source} (null: the system's choice, the loopback
     * address) with {@code headers} in their order, a {@code Host} unless one is given, a
     * {@code Content-Length} when there is a body, and {@code Connection: close}.
     */
    public static Response send(InetAddress source, int port, String method, String path, Map<String, String> headers,
                                String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        List<Header> lines = new ArrayList<>();
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Host"))) {
            lines.add(new Header("Host", "127.0.0.1:" + port));
        }
        headers.forEach((name, value) -> lines.add(new Header(name, value)));
        if (body != null) {
            lines.add(new Header("Content-Length", String.valueOf(content.length)));
        }
        lines.add(new Header("Connection", "close"));
        return exchange(source, port, method + " " + path, lines, content);
    }

    /**
     * The headers of a JSON CloudEvent in binary mode from {@code /shop} with a fresh id, in the order
     * a shop would write them; a map the caller may add to (a revision, an expected version).
     */
    public static Map<String, String> cloudEvent(String type, String subject) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", java.util.UUID.randomUUID().toString());
        headers.put("ce-source", "/shop");
        headers.put("ce-type", type);
        headers.put("ce-subject", subject);
        return headers;
    }

    public static Response send(int port, String method, String path, Map<String, String> headers) {
        return send(null, port, method, path, headers, null);
    }

    /**
     * An address of this machine that is not a loopback address, to call a loopback server as
     * another host would appear to it; empty on a machine with loopback only.
     */
    public static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address);
                    }
                }
            }
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static Response exchange(InetAddress source, int port, String requestLine, List<Header> headers, byte[] body) {
        StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
        headers.forEach(header -> head.append(header.name()).append(": ").append(header.value()).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body;
        List<String> length = headers.get("Content-Length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else if (headers.containsKey("Transfer-Encoding")) {
            body = chunked(in);
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
