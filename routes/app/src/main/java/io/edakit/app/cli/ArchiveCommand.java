package io.edakit.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.edakit.operator.archive.ArchiveJson;
import io.edakit.operator.archive.ReplayTimes;
import io.edakit.archive.ArchiveInfo;
import io.edakit.archive.ArchiveSettings;
import io.edakit.archive.ArchivedEvent;
import io.edakit.archive.EventArchive;
import io.edakit.routes.archive.EventArchives;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code edakit archive list|show}: the event archives the configuration names
 * ({@code edakit.archive.jdbc-url}), read from their database (an H2 file opened with AUTO_SERVER is
 * shared with a running instance).
 */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Event archives: lists them, shows an archive's events in archive order.",
        subcommands = {ArchiveCommand.ListArchives.class, ArchiveCommand.Show.class})
final class ArchiveCommand {

    @Spec
    CommandSpec spec;

    @FunctionalInterface
    interface Work<T> {
        T run(EventArchive archive) throws Exception;
    }

    abstract static class Subcommand {
        @ParentCommand
        ArchiveCommand archive;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        @Option(names = "--json", description = "as JSON")
        boolean json;

        <T> T withArchive(Work<T> work) throws Exception {
            try (EventArchive opened = EventArchives.open(CliSettings.of(config.load(), config.overrides)
                    .get(ArchiveSettings.GROUP).database(), 2)) {
                return work.run(opened);
            }
        }

        PrintWriter out() {
            return archive.spec.commandLine().getOut();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every archive: events, first and last archive time.")
    static final class ListArchives extends Subcommand implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            List<ArchiveInfo> archives = withArchive(EventArchive::archives);
            if (json) {
                out().println(Jsoner.prettyPrint(ArchiveJson.archives(archives).toJson()));
            } else if (archives.isEmpty()) {
                out().println("no archives");
            } else {
                archives.forEach(a -> out().printf("%s  %d event(s)  %s .. %s%n", a.name(), a.events(), a.first(), a.last()));
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "An archive's events in archive order.")
    static final class Show extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "ARCHIVE", description = "the archive")
        String name;

        @Option(names = "--from", description = "first archive time: " + ReplayTimes.EXPECTED + " (default: the first)")
        String from;

        @Option(names = "--to", description = "end of the window (exclusive; default: none)")
        String to;

        @Option(names = "--after", defaultValue = "0", description = "only events after this sequence (paging)")
        long after;

        @Option(names = "--limit", defaultValue = "20", description = "events at most (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            Clock clock = Clock.systemUTC();
            Instant start = from == null ? Instant.EPOCH : ReplayTimes.parse(from, "--from", clock);
            Instant end = to == null ? EventArchive.END_OF_TIME : ReplayTimes.parse(to, "--to", clock);
            List<ArchivedEvent> events = withArchive(archive -> archive.read(name, start, end, after, limit));
            if (json) {
                out().println(Jsoner.prettyPrint(ArchiveJson.events(events).toJson()));
            } else if (events.isEmpty()) {
                out().println("no events");
            } else {
                events.forEach(event -> out().println(line(event)));
            }
            out().flush();
            return 0;
        }
    }

    /** One event on one line: sequence, archive time, id, type, body. */
    static String line(ArchivedEvent event) {
        return "#" + event.sequence() + "  " + event.archivedAt() + "  " + event.eventId() + "  " + event.type() + "  "
                + new String(event.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
