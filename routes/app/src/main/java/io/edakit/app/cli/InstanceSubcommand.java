package io.edakit.app.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options and the HTTP calls of a subcommand driving tasks that run in an instance (redrive
 * tasks, replays): the instance's address and operator token come from {@code --config} (or
 * {@code --url}), the calls go to one base path of its operator API.
 */
abstract class InstanceSubcommand {

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Option(names = "--url", description = "the instance's HTTP address (default: from the configuration, "
            + "http://<camel.server.host>:<camel.server.port>)")
    String url;

    @Option(names = "--json", description = "as JSON")
    boolean json;

    /** The operator API's path the subcommand talks to, e.g. {@code /tasks}. */
    abstract String base();

    /** The command whose output this subcommand writes to. */
    abstract CommandSpec command();

    JsonObject call(String method, String path) throws Exception {
        return OperatorCalls.call(config, url, method, base() + path);
    }

    PrintWriter out() {
        return command().commandLine().getOut();
    }

    /** Prints every item of {@code all} (or {@code none} where there is none), or the array with --json. */
    void printAll(JsonArray all, String none, Consumer<JsonObject> print) {
        if (json) {
            out().println(Jsoner.prettyPrint(all.toJson()));
            out().flush();
        } else if (all.isEmpty()) {
            out().println(none);
            out().flush();
        } else {
            all.forEach(item -> print.accept((JsonObject) item));
        }
    }

    /** {@code key=value&...} of the entries with a value, URL-encoded. */
    static String query(Map<String, Object> parameters) {
        return parameters.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
