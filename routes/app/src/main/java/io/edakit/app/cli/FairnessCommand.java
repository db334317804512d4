package io.edakit.app.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edakit fairness show|weight}: the fair channels of a running instance, through its HTTP
 * operations ({@code /edakit/fairness}); the scheduler's state lives in that process, not in a store.
 */
@Command(name = "fairness", mixinStandardHelpOptions = true,
        description = "Shows the tenants of a running instance's fair channels; changes a tenant's weight.",
        subcommands = {FairnessCommand.Show.class, FairnessCommand.Weight.class})
final class FairnessCommand {

    @Spec
    CommandSpec spec;

    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        FairnessCommand parent;

        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
                description = "the instance's HTTP address (camel.server.*), default ${DEFAULT-VALUE}")
        String url;

        @Option(names = "--token-file", description = "a file holding the operator token (edakit.http.token-file)")
        Path tokenFile;

        HttpResponse<String> call(String method, String path) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/edakit/fairness" + path))
                    .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
            if (tokenFile != null) {
                request.header("Authorization", "Bearer " + Files.readString(tokenFile).trim());
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        int print(HttpResponse<String> response) throws Exception {
            PrintWriter out = parent.spec.commandLine().getOut();
            if (response.statusCode() != 200) {
                parent.spec.commandLine().getErr().println("HTTP " + response.statusCode() + ": " + response.body());
                return EdakitCli.FAILED;
            }
            JsonObject body = (JsonObject) Jsoner.deserialize(response.body());
            JsonArray channels = body.containsKey("channels") ? (JsonArray) body.get("channels") : new JsonArray(java.util.List.of(body));
            for (Object c : channels) {
                JsonObject channel = (JsonObject) c;
                out.printf("%s  lanes=%s cost=%s max-share=%s in-flight=%s forwarded=%s%n", channel.get("channel"),
                        channel.get("lanes"), channel.get("cost"), channel.get("maxShare"), channel.get("inFlight"),
                        channel.get("forwarded"));
                out.printf("  weights %s%s%n", channel.get("weights"),
                        Boolean.TRUE.equals(channel.get("weightsChangeable")) ? "" : " (inline: not changeable at run time)");
                out.printf("  %-20s %8s %9s %10s %7s %7s %9s %9s %s%n", "TENANT", "BACKLOG", "IN-FLIGHT", "HANDLED",
                        "SHARE", "WEIGHT", "P50-MS", "P99-MS", "NOISY");
                for (Object t : (JsonArray) channel.get("tenants")) {
                    JsonObject tenant = (JsonObject) t;
                    out.printf("  %-20s %8s %9s %10s %7s %7s %9s %9s %s%n", tenant.get("tenant"), tenant.get("backlog"),
                            tenant.get("inFlight"), tenant.get("handled"), tenant.get("share"), tenant.get("weight"),
                            tenant.get("dwellP50Ms"), tenant.get("dwellP99Ms"), tenant.get("noisy"));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", description = "Tenants of every fair channel, or of one: backlog, in flight, share, "
            + "weight, dwell p50/p99, noisy.")
    static final class Show extends Subcommand {
        @Parameters(arity = "0..1", paramLabel = "CHANNEL", description = "one channel (default: all)")
        String channel;

        @Override
        public Integer call() throws Exception {
            return print(call("GET", channel == null ? "" : "/" + encode(channel)));
        }
    }

    @Command(name = "weight", description = "Sets a tenant's weight on a channel from now on, written to the channel's "
            + "weights file so a restart keeps it (needs the operator token; refused for inline weights).")
    static final class Weight extends Subcommand {
        @Parameters(index = "0", paramLabel = "CHANNEL")
        String channel;
        @Parameters(index = "1", paramLabel = "TENANT")
        String tenant;
        @Parameters(index = "2", paramLabel = "WEIGHT", description = "more than 0")
        double weight;

        @Override
        public Integer call() throws Exception {
            return print(call("POST", "/" + encode(channel) + "/weights?tenant=" + encode(tenant) + "&weight=" + weight));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
