package io.edakit.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.edakit.operator.saga.SagaJson;
import io.edakit.operator.saga.SagaOperations;
import io.edakit.routes.saga.SagaEngines;
import io.edakit.saga.SagaSettings;
import io.edakit.saga.JdbcSagaLog;
import io.edakit.saga.SagaEvent;
import io.edakit.saga.SagaRecord;
import io.edakit.saga.SagaState;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code edakit saga list|show|compensate|retry}: the sagas in the saga log the configuration names
 * ({@code edakit.saga.jdbc-url}), so use the same {@code --config} files as the instances. A
 * compensate or retry is picked up by a running instance within a second.
 */
@Command(name = "saga", mixinStandardHelpOptions = true,
        description = "Lists and shows sagas; compensates or retries one.",
        subcommands = {SagaCommand.ListSagas.class, SagaCommand.Show.class, SagaCommand.Compensate.class,
                SagaCommand.Retry.class})
final class SagaCommand {

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @FunctionalInterface
    interface Work<T> {
        T run(SagaOperations operations) throws Exception;
    }

    /** What every saga subcommand has: the parent (for output) and the configuration options. */
    abstract static class Subcommand {
        @ParentCommand
        SagaCommand saga;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        <T> T withOperations(Work<T> work) throws Exception {
            try (JdbcSagaLog log = SagaEngines.openLog(CliSettings.of(config.load(), config.overrides)
                    .get(SagaSettings.GROUP).log(), 2)) {
                return work.run(new SagaOperations(log, Clock.systemUTC()));
            }
        }

    }

    /** A subcommand about one saga. */
    abstract static class OneSaga extends Subcommand {
        @Parameters(paramLabel = "SAGA-ID", description = "the saga's id (the envelope id of the event that started it)")
        String sagaId;

        /** Makes an operator request; a saga that is unknown or in the wrong state is exit code 1. */
        int request(Work<SagaRecord> work, String what) throws Exception {
            SagaRecord record;
            try {
                record = withOperations(work);
            } catch (IllegalArgumentException refused) {
                saga.spec.commandLine().getErr().println(refused.getMessage());
                return 1;
            }
            PrintWriter out = saga.out();
            out.printf("saga %s (%s): %s; now %s%n", record.id(), record.definition(), what, record.state().label());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Sagas, newest first.")
    static final class ListSagas extends Subcommand implements Callable<Integer> {
        @Option(names = "--state", description = "only sagas in this state: running, compensating, completing, "
                + "completed, compensated, needs-attention")
        String state;

        @Option(names = "--limit", defaultValue = "50", description = "sagas to list (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "JSON instead of a table")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Optional<SagaState> filter = Optional.ofNullable(state).map(SagaState::parse);
            List<SagaRecord> sagas = withOperations(operations -> operations.list(filter, limit));
            PrintWriter out = saga.out();
            if (json) {
                out.println(Jsoner.prettyPrint(SagaJson.sagas(sagas).toJson()));
            } else {
                out.printf("%-38s %-20s %-16s %s%n", "ID", "SAGA", "STATE", "STARTED");
                sagas.forEach(s -> out.printf("%-38s %-20s %-16s %s%n", s.id(), s.definition(), s.state().label(),
                        s.startedAt()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A saga's timeline: each step's calls, times, attempts and errors.")
    static final class Show extends OneSaga implements Callable<Integer> {
        @Option(names = "--json", description = "JSON with the input and its headers")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Optional<SagaOperations.SagaDetail> found = withOperations(operations -> operations.show(sagaId));
            PrintWriter out = saga.out();
            if (found.isEmpty()) {
                saga.spec.commandLine().getErr().println("no saga with id " + sagaId);
                return 1;
            }
            if (json) {
                out.println(Jsoner.prettyPrint(SagaJson.detail(found.get()).toJson()));
            } else {
                SagaRecord record = found.get().saga();
                out.printf("saga %s (%s): %s, started %s, deadline %s%n", record.id(), record.definition(),
                        record.state().label(), record.startedAt(), record.deadline());
                for (SagaEvent event : found.get().timeline()) {
                    out.printf("  %s  %-24s %-20s %s%s%n", event.at(), event.kind().label(),
                            event.stepId() == null ? "" : event.stepId(),
                            event.attempt() > 0 ? "attempt " + event.attempt() : "",
                            event.detail() == null ? "" : "  " + event.detail());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "compensate", mixinStandardHelpOptions = true,
            description = "Compensates a running, completed or needs-attention saga.")
    static final class Compensate extends OneSaga implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return request(operations -> operations.compensate(sagaId), "compensation requested");
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Retries a needs-attention saga from where it stopped, with fresh attempts.")
    static final class Retry extends OneSaga implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return request(operations -> operations.retry(sagaId), "retry requested");
        }
    }
}
