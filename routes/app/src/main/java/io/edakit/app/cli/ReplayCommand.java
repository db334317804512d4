package io.edakit.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.edakit.operator.archive.ReplayTimes;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code edakit replay start|list|describe|cancel}: replays run in an instance, over its HTTP API
 * ({@code /edakit/replays}), so a replay survives this command (and the instance's restarts). The
 * instance's address and operator token come from the same {@code --config} (or {@code --url}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays of archived events, run in an instance: start one (or a dry run), list, describe, cancel.",
        subcommands = {ReplayCommand.Start.class, ReplayCommand.ListReplays.class, ReplayCommand.Describe.class,
                ReplayCommand.Cancel.class})
final class ReplayCommand {

    @Spec
    CommandSpec spec;

    abstract static class Subcommand extends InstanceSubcommand {
        @ParentCommand
        ReplayCommand replay;

        @Override
        String base() {
            return "/replays";
        }

        @Override
        CommandSpec command() {
            return replay.spec;
        }

        void print(JsonObject replay) {
            PrintWriter out = out();
            if (json) {
                out.println(Jsoner.prettyPrint(replay.toJson()));
            } else {
                JsonObject request = (JsonObject) replay.get("request");
                out.printf("%s  %s -> %s  %s%n  %s .. %s%s%n  %d of %d scanned (%s %%), %d sent, last replayed %s%n",
                        replay.getString("name"), request.getString("archive"), request.getString("target"),
                        replay.getString("state"), request.getString("from"), request.getString("to"),
                        request.getString("filter") == null ? "" : ", filter " + request.getString("filter"),
                        number(replay, "scanned"), number(replay, "windowEvents"), replay.get("progressPercent"),
                        number(replay, "sent"), replay.getString("lastReplayed") == null ? "-" : replay.getString("lastReplayed"));
                if (replay.getString("note") != null) {
                    out.println("  " + replay.getString("note"));
                }
            }
            out.flush();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts a replay in the instance and follows it (Ctrl-C leaves it running); --dry-run "
                    + "prints the count and the first events instead, sending nothing.")
    static final class Start extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the replay's name, carried by every event it sends (edakit_replay)")
        String name;

        @Option(names = "--archive", required = true, description = "the archive to replay from")
        String archive;

        @Option(names = "--from", description = "first archive time of the window: " + ReplayTimes.EXPECTED
                + " (default: the archive's first event)")
        String from;

        @Option(names = "--to", description = "end of the window, exclusive (default: now, when it starts)")
        String to;

        @Option(names = "--filter", description = "event pattern over the envelope and headers, e.g. '{type: [order.paid]}'")
        String filter;

        @Option(names = "--target", description = "a channel, or a Camel endpoint URI (required unless --dry-run)")
        String target;

        @Option(names = "--rate", description = "events per second at most (default: as fast as the target confirms)")
        Double rate;

        @Option(names = "--batch", description = "events per durable cursor step: the most a resumed replay sends again "
                + "(default 100)")
        Integer batch;

        @Option(names = "--in-flight", description = "sends awaiting confirmation at most (default 1: each waits for "
                + "the last, so any target gets the archive order; more is faster, see the README)")
        Integer inFlight;

        @Option(names = "--dry-run", description = "print the count and the first events; send nothing")
        boolean dryRun;

        @Option(names = "--first", defaultValue = "10", description = "events a dry run shows (default ${DEFAULT-VALUE})")
        int first;

        @Option(names = "--detach", description = "print the replay and return at once instead of following it")
        boolean detach;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("name", name);
            query.put("archive", archive);
            query.put("from", from);
            query.put("to", to);
            query.put("filter", filter);
            query.put("target", target);
            query.put("rate", rate);
            query.put("batch", batch);
            query.put("inFlight", inFlight);
            query.put("dryRun", dryRun ? "true" : null);
            query.put("first", dryRun ? first : null);
            JsonObject answer = call("POST", "?" + query(query));
            if (dryRun) {
                printDryRun(answer);
                return 0;
            }
            if (detach) {
                print(answer);
                return 0;
            }
            while ("running".equals(answer.getString("state"))) {
                Thread.sleep(500);
                answer = call("GET", "/" + name);
            }
            print(answer);
            return "completed".equals(answer.getString("state")) ? 0 : 1;
        }

        private void printDryRun(JsonObject answer) {
            if (json) {
                out().println(Jsoner.prettyPrint(answer.toJson()));
            } else {
                out().printf("dry run: %d event(s) would be replayed (%d in the window); the first:%n",
                        number(answer, "count"), number(answer, "scanned"));
                for (Object event : (JsonArray) answer.get("events")) {
                    JsonObject e = (JsonObject) event;
                    out().printf("#%s  %s  %s  %s  %s%n", e.get("sequence"), e.getString("archivedAt"), e.getString("id"),
                            e.getString("type"), e.getString("body"));
                }
            }
            out().flush();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every replay of the instance, newest first.")
    static final class ListReplays extends Subcommand implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            printAll((JsonArray) call("GET", "").get("replays"), "no replays", this::print);
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "One replay: state, progress, cursor, last replayed time.")
    static final class Describe extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            print(call("GET", "/" + name));
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a running replay: it stops after the event at hand, its cursor kept.")
    static final class Cancel extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            print(call("DELETE", "/" + name));
            return 0;
        }
    }

    private static long number(JsonObject json, String key) {
        return json.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
