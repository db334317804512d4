package io.edakit.app.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edakit tasks start|list|show|cancel}: redrive tasks of a running instance, over its HTTP
 * API ({@code /edakit/tasks}), so the task runs in the instance and survives this command. The
 * instance's address and operator token come from the same {@code --config} (or {@code --url}).
 */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Redrive tasks running in an instance: start one, list, follow its progress, cancel.",
        subcommands = {TaskCommand.Start.class, TaskCommand.ListTasks.class, TaskCommand.Show.class,
                TaskCommand.Cancel.class})
final class TaskCommand {

    @Spec
    CommandSpec spec;

    /** The options and the HTTP calls every subcommand shares. */
    abstract static class Subcommand {
        @ParentCommand
        TaskCommand tasks;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        @Option(names = "--url", description = "the instance's HTTP address (default: from the configuration, "
                + "http://<camel.server.host>:<camel.server.port>)")
        String url;

        @Option(names = "--json", description = "the task(s) as JSON")
        boolean json;

        JsonObject call(String method, String path) throws Exception {
            return OperatorCalls.call(config, url, method, "/tasks" + path);
        }

        PrintWriter out() {
            return tasks.spec.commandLine().getOut();
        }

        /** Follows a task until it ends, drawing its progress on stderr; exit code 0 when it completed. */
        int follow(JsonObject task) throws Exception {
            TaskProgressBar bar = new TaskProgressBar(tasks.spec.commandLine().getErr(),
                    TaskProgressBar.stderrIsTerminal());
            String id = task.getString("id");
            while (true) {
                bar.show(task);
                if (!"running".equals(task.getString("state"))) {
                    break;
                }
                Thread.sleep(500);
                task = call("GET", "/" + id);
            }
            bar.done();
            print(task);
            return "completed".equals(task.getString("state")) ? 0 : 1;
        }

        void print(JsonObject task) {
            PrintWriter out = out();
            if (json) {
                out.println(Jsoner.prettyPrint(task.toJson()));
            } else {
                JsonObject request = (JsonObject) task.get("request");
                out.printf("%s  %s  %s%s%n  %s%n", task.getString("id"), request.getString("channel"),
                        task.getString("state"), Boolean.TRUE.equals(request.getBoolean("dryRun")) ? " (dry run)" : "",
                        TaskProgressBar.line(task));
                if (task.getString("note") != null) {
                    out.println("  " + task.getString("note"));
                }
            }
            out.flush();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts a redrive task in the instance and shows its progress (Ctrl-C leaves it running).")
    static final class Start extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "CHANNEL", description = "dead-letter channel, e.g. orders.dlq")
        String channel;

        @Mixin
        RedriveOptions redrive = new RedriveOptions();

        @Option(names = "--detach", description = "print the task and return at once instead of following it")
        boolean detach;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("channel", channel);
            query.put("to", redrive.to);
            query.put("filter", redrive.filter);
            query.put("ids", redrive.ids == null ? null : String.join(",", redrive.ids));
            query.put("max", redrive.max);
            query.put("rate", redrive.rate);
            query.put("dryRun", redrive.dryRun ? "true" : null);
            String text = query.entrySet().stream().filter(e -> e.getValue() != null)
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            JsonObject task = call("POST", "?" + text);
            if (detach) {
                print(task);
                return 0;
            }
            return follow(task);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every task of the instance, newest first.")
    static final class ListTasks extends Subcommand implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            JsonArray all = (JsonArray) call("GET", "").get("tasks");
            if (json) {
                out().println(Jsoner.prettyPrint(all.toJson()));
                out().flush();
            } else {
                all.forEach(task -> print((JsonObject) task));
                if (all.isEmpty()) {
                    out().println("no tasks");
                    out().flush();
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One task; --follow draws its progress until it ends.")
    static final class Show extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--follow", description = "follow it until it ends")
        boolean follow;

        @Override
        public Integer call() throws Exception {
            JsonObject task = call("GET", "/" + id);
            if (follow) {
                return follow(task);
            }
            print(task);
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a running task: it stops after the message at hand; what it did not move stays.")
    static final class Cancel extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            print(call("DELETE", "/" + id));
            return 0;
        }
    }
}
