package io.edakit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plain HTTP calls against an application under test. */
public final class HttpCalls {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private HttpCalls() {
    }

    public static HttpResponse<String> post(String url, String body) {
        return answer(postAsync(url, body));
    }

    public static CompletableFuture<HttpResponse<String>> postAsync(String url, String body) {
        return postAsync(url, body, Map.of("Content-Type", "text/plain", "tenant", "acme",
                "x-secret-internal", "do-not-forward"));
    }

    public static HttpResponse<String> post(String url, String body, Map<String, String> headers) {
        return answer(postAsync(url, body, headers));
    }

    /** The response, waited for a bounded time (beyond the request's own timeout) so no test can hang on it. */
    private static HttpResponse<String> answer(CompletableFuture<HttpResponse<String>> call) {
        try {
            return call.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw new IllegalStateException("no HTTP response within 60 s", e);
        }
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An operator request ({@code POST}, {@code DELETE} ...) without a body, with
     * {@code Authorization: Bearer token}, as the README's {@code curl -X POST -H ...} sends it.
     */
    public static HttpResponse<String> operator(String method, String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    public static HttpResponse<String> get(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
