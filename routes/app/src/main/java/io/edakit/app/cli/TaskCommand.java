package io.edakit.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

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

    abstract static class Subcommand extends InstanceSubcommand {
        @ParentCommand
        TaskCommand tasks;

        @Override
        String base() {
            return "/tasks";
        }

        @Override
        CommandSpec command() {
            return tasks.spec;
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
            JsonObject task = call("POST", "?" + query(query));
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
            printAll((JsonArray) call("GET", "").get("tasks"), "no tasks", this::print);
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
