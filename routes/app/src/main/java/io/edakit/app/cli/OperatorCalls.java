package io.edakit.app.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.edakit.operator.access.OperatorAccessSettings;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.EffectiveProperties;
import io.edakit.app.config.LoadedConfig;
import io.edakit.config.SecretFile;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Calls of a running instance's operator HTTP API ({@code /edakit/...}) for the commands that act
 * on an instance (tasks, replays): its address and operator token come from the same
 * {@code --config} as the instance's (or {@code --url}).
 */
final class OperatorCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private OperatorCalls() {
    }

    /** {@code method} on {@code /edakit + path}; a status of 300 or more throws with the API's message. */
    static JsonObject call(ConfigOptions config, String url, String method, String path) throws Exception {
        LoadedConfig loaded = config.load();
        OperatorAccessSettings access = CliSettings.of(loaded, config.overrides).get(OperatorAccessSettings.GROUP);
        String token = access.token().orElseGet(() -> SecretFile.read(access.tokenFile(), "operator token"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(config, loaded, url) + "/edakit" + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no instance answers at " + request.uri() + " (" + e.getMessage()
                    + "): is it running, with this --config or --url?", e);
        }
        JsonObject body = (JsonObject) Jsoner.deserialize(response.body(), new JsonObject());
        if (response.statusCode() >= 300) {
            throw new IllegalArgumentException(response.statusCode() + ": " + body.getOrDefault("message", response.body()));
        }
        return body;
    }

    private static String base(ConfigOptions config, LoadedConfig loaded, String url) {
        if (url != null) {
            return url.replaceAll("/+$", "");
        }
        EffectiveProperties properties = EffectiveProperties.of(ConfigValidator.effective(
                loaded.withOverrides(config.overrides)), Map.of("camel.server.host", "127.0.0.1", "camel.server.port", "8080"));
        String host = properties.value("camel.server.host").orElse("127.0.0.1");
        host = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + host + ":" + properties.value("camel.server.port").orElse("8080");
    }
}
