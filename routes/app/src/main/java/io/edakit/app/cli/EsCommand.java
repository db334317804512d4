package io.edakit.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import io.edakit.operator.eventstore.EventStoreJson;
import io.edakit.operator.eventstore.EventStoreOperations;
import io.edakit.eventstore.AppendResult;
import io.edakit.eventstore.EventStoreSettings;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.State;
import io.edakit.eventstore.StoredEvent;
import io.edakit.eventstore.StreamInfo;
import io.edakit.routes.eventstore.EventStores;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code edakit es append|read|state|streams}: the event store the configuration names
 * ({@code edakit.event-store.jdbc-url}); use the same {@code --config} files as the instances (an H2
 * file opened with AUTO_SERVER is shared with a running instance).
 */
@Command(name = "es", mixinStandardHelpOptions = true,
        description = "Event store: appends an event, reads a stream, rebuilds a state at a version or time, lists streams.",
        subcommands = {EsCommand.Append.class, EsCommand.Read.class, EsCommand.StateOf.class, EsCommand.Streams.class})
final class EsCommand {

    @Spec
    CommandSpec spec;

    @FunctionalInterface
    interface Work<T> {
        T run(EventStoreOperations operations) throws Exception;
    }

    /** What every subcommand has: the parent (for output) and the configuration options. */
    abstract static class Subcommand {
        @ParentCommand
        EsCommand es;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        <T> T withOperations(Work<T> work) throws Exception {
            try (JdbcEventStore store = EventStores.open(CliSettings.of(config.load(), config.overrides)
                    .get(EventStoreSettings.GROUP).database(), 2)) {
                return work.run(new EventStoreOperations(store));
            }
        }

        PrintWriter out() {
            return es.spec.commandLine().getOut();
        }
    }

    @Command(name = "append", mixinStandardHelpOptions = true,
            description = "Appends one event; exit code 1 on a conflict with the expected version.")
    static final class Append extends Subcommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STREAM", description = "the stream to append to")
        String stream;

        @Parameters(index = "1", paramLabel = "DATA", arity = "0..1",
                description = "the event's data (JSON); read from standard input when left out")
        String data;

        @Option(names = "--type", defaultValue = "event", description = "event type (default ${DEFAULT-VALUE})")
        String type;

        @Option(names = "--id", description = "event id (default: a random one); an id already stored is not stored again")
        String id;

        @Option(names = "--expected-version", defaultValue = "any",
                description = "any, no-stream, exists or a version (default ${DEFAULT-VALUE})")
        String expected;

        @Option(names = "--revision", defaultValue = "1", description = "revision of the data's shape (default 1)")
        int revision;

        @Option(names = "--time", description = "event time (RFC 3339); default: when it is recorded")
        String time;

        @Override
        public Integer call() throws Exception {
            String body = data != null ? data : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            AppendResult result = withOperations(operations -> operations.append(stream, expected, id, type, revision,
                    body, time));
            out().println(Jsoner.prettyPrint(EventStoreJson.append(result).toJson()));
            out().flush();
            return result instanceof AppendResult.Conflict ? 1 : 0;
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "A stream's events in version order.")
    static final class Read extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "STREAM", description = "the stream")
        String stream;

        @Option(names = "--from", defaultValue = "1", description = "first version (default ${DEFAULT-VALUE})")
        long from;

        @Option(names = "--limit", defaultValue = "100", description = "events at most (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "JSON with metadata")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<StoredEvent> events = withOperations(operations -> operations.read(stream, from, limit));
            if (json) {
                out().println(Jsoner.prettyPrint(EventStoreJson.events(events).toJson()));
            } else {
                out().printf("%-8s %-10s %-26s %-24s %s%n", "VERSION", "POSITION", "RECORDED", "TYPE", "DATA");
                events.forEach(e -> out().printf("%-8d %-10d %-26s %-24s %s%n", e.version(), e.position(), e.recordedAt(),
                        e.type(), new String(e.data(), StandardCharsets.UTF_8)));
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true,
            description = "A stream's state, latest or at a version or time, folded from snapshots.")
    static final class StateOf extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "STREAM", description = "the stream")
        String stream;

        @Option(names = "--at", description = "the state at this time (RFC 3339), by recorded time unless --event-time")
        String at;

        @Option(names = "--event-time", description = "--at means the events' own time (ce_time)")
        boolean eventTime;

        @Option(names = "--version", description = "the state after this version")
        Long version;

        @Option(names = "--fold", description = "JSONata fold, as the template's fold parameter (default: merge patch)")
        String fold;

        @Option(names = "--upcasters", description = "TYPE@REVISION=JSONata upcasters separated by ';', as the "
                + "template's upcasters parameter (default: none)")
        String upcasters;

        @Option(names = "--explain", description = "show the snapshot used and the events folded onto it")
        boolean explain;

        @Override
        public Integer call() throws Exception {
            State state;
            try {
                state = withOperations(operations -> operations.state(stream, version, at, eventTime, fold,
                        upcasters));
            } catch (IllegalArgumentException e) {
                es.spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            out().println(Jsoner.prettyPrint(EventStoreJson.state(state, explain).toJson()));
            if (explain) {
                out().printf("# version %d: %s, then %d event(s) folded%s%n", state.version(),
                        state.snapshotVersion() == 0 ? "no snapshot" : "snapshot at version " + state.snapshotVersion()
                                + " (taken " + state.snapshotTakenAt() + ")", state.folded().size(),
                        state.folded().isEmpty() ? "" : " (versions " + state.folded().get(0).version() + ".."
                                + state.folded().get(state.folded().size() - 1).version() + ")");
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "streams", mixinStandardHelpOptions = true, description = "Streams by id, with their versions.")
    static final class Streams extends Subcommand implements Callable<Integer> {
        @Option(names = "--after", defaultValue = "", description = "start after this stream id")
        String after;

        @Option(names = "--limit", defaultValue = "100", description = "streams at most (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            List<StreamInfo> streams = withOperations(operations -> operations.streams(after, limit));
            out().printf("%-40s %-8s %s%n", "STREAM", "VERSION", "UPDATED");
            streams.forEach(s -> out().printf("%-40s %-8d %s%n", s.streamId(), s.version(), s.updatedAt()));
            out().flush();
            return 0;
        }
    }
}
