package io.edakit.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.edakit.operator.projection.ProjectionJson;
import io.edakit.operator.projection.ProjectionOperations;
import io.edakit.eventstore.EventStoreSettings;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.projection.ProjectionStore;
import io.edakit.routes.eventstore.EventStores;
import io.edakit.routes.projection.ProjectionStores;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code edakit projection list|reset}: the projections in the event store's database the
 * configuration names ({@code edakit.event-store.jdbc-url}); use the same {@code --config} files
 * as the instances. A reset takes effect in the running instances at their next checkpoint or
 * lease renewal.
 */
@Command(name = "projection", mixinStandardHelpOptions = true,
        description = "Projections: lists them (checkpoint, lag, owner, state), resets one to replay.",
        subcommands = {ProjectionCommand.ListAll.class, ProjectionCommand.Reset.class})
final class ProjectionCommand {

    @Spec
    CommandSpec spec;

    @FunctionalInterface
    interface Work<T> {
        T run(ProjectionOperations operations) throws Exception;
    }

    abstract static class Subcommand {
        @ParentCommand
        ProjectionCommand projection;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        <T> T withOperations(Work<T> work) throws Exception {
            JdbcSettings database = CliSettings.of(config.load(), config.overrides).get(EventStoreSettings.GROUP).database();
            try (JdbcEventStore events = EventStores.open(database, 2);
                 ProjectionStore projections = ProjectionStores.open(database, 2)) {
                return work.run(new ProjectionOperations(events, projections, Clock.systemUTC()));
            }
        }

        PrintWriter out() {
            return projection.spec.commandLine().getOut();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every projection: its checkpoint, lag to the store's head (events, and how long the oldest "
                    + "unprojected one has waited), owner and state.")
    static final class ListAll extends Subcommand implements Callable<Integer> {
        @Option(names = "--json", description = "JSON, with the replay mark and the reason a projection stopped")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<ProjectionOperations.Listed> projections = withOperations(ProjectionOperations::list);
            if (json) {
                out().println(Jsoner.prettyPrint(ProjectionJson.list(projections).toJson()));
            } else {
                out().printf("%-30s %-10s %-10s %-10s %-10s %-30s %s%n", "NAME", "POSITION", "LAG", "LAG_AGE", "STATE",
                        "OWNER", "ERROR");
                projections.forEach(p -> out().printf(Locale.ROOT, "%-30s %-10d %-10d %-10s %-10s %-30s %s%n",
                        p.state().name(), p.state().position(), p.lag(), String.format(Locale.ROOT, "%.1fs",
                                p.lagAge().toMillis() / 1000.0), p.state().status(p.now()),
                        p.state().liveOwner(p.now()) == null ? "-" : p.state().liveOwner(p.now()),
                        p.state().error() == null ? "" : p.state().error()));
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Moves a projection's checkpoint; the events after it are handed again, those handled "
                    + "before with the edakit_replay header. Also starts a stopped projection again.")
    static final class Reset extends Subcommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the projection")
        String name;

        @Option(names = "--to", required = true, paramLabel = "TARGET",
                description = "beginning, position:N (replay the events after N) or time:T (replay the events "
                        + "recorded after T, RFC 3339)")
        String to;

        @Override
        public Integer call() throws Exception {
            ProjectionOperations.Listed reset;
            try {
                reset = withOperations(operations -> operations.reset(name, to));
            } catch (IllegalArgumentException e) {
                projection.spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            out().println(Jsoner.prettyPrint(ProjectionJson.projection(reset).toJson()));
            out().flush();
            return 0;
        }
    }
}
