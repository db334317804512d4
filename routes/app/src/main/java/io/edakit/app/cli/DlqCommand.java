package io.edakit.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.edakit.app.config.DeclaredDeadLetters;
import io.edakit.app.config.LoadedConfig;
import io.edakit.operator.dlq.DeadLetterJson;
import io.edakit.operator.dlq.DeadLetterOperations;
import io.edakit.channel.Transports;
import io.edakit.config.Settings;
import io.edakit.deadletter.RedriveSettings;
import io.edakit.transport.artemis.ArtemisBrokerSettings;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.deadletter.HeaderFilter;
import io.edakit.deadletter.RedriveReport;
import io.edakit.envelope.Envelope;
import io.edakit.transport.ChannelAdmin.ChannelDepth;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelTransport;
import io.edakit.channel.Transports;
import io.edakit.transport.TransportSettings;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code edakit dlq list|show|redrive|purge}: dead letters of a running instance. Connects to the
 * broker the configuration names (the instance's embedded broker when none is named), so use the
 * same {@code --config} files as the instance.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Lists, shows, sends back (redrive) and purges dead letters.",
        subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.Show.class, DlqCommand.Redrive.class,
                DlqCommand.Purge.class})
final class DlqCommand {

    @Spec
    CommandSpec spec;

    /** Runs {@code work} against the broker of the configuration, then disconnects. */
    static <T> T withOperations(ConfigOptions config, Work<T> work) throws Exception {
        LoadedConfig loaded = config.load();
        Settings settings = CliSettings.of(loaded, config.overrides);
        ArtemisBrokerSettings broker = settings.get(ArtemisBrokerSettings.GROUP);
        if (settings.get(TransportSettings.GROUP).usesArtemis()) {
            // a client of the running instance's broker, never a second embedded one
            broker = broker.asClientOfRunningInstance();
            settings = settings.with(ArtemisBrokerSettings.GROUP, broker);
        }
        ChannelTransport transport = Transports.create(settings);
        try {
            transport.start();
        } catch (Exception e) {
            throw BrokerRefusal.explain(e, broker);
        }
        try {
            return work.run(new DeadLetterOperations(transport, settings.get(RedriveSettings.GROUP).maxRedrives(),
                    DeclaredDeadLetters.of(loaded)));
        } finally {
            transport.stop();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @FunctionalInterface
    interface Work<T> {
        T run(DeadLetterOperations operations) throws Exception;
    }

    /** What every dlq subcommand has: the parent (for output) and the configuration options. */
    abstract static class Subcommand {
        @ParentCommand
        DlqCommand dlq;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        <T> T withOperations(Work<T> work) throws Exception {
            return DlqCommand.withOperations(config, work);
        }
    }

    /** A subcommand about one dead-letter channel. */
    abstract static class ChannelSubcommand extends Subcommand {
        @Parameters(paramLabel = "CHANNEL", description = "dead-letter channel, e.g. orders.dlq")
        String channel;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Dead-letter channels and their waiting counts.")
    static final class ListDeadLetters extends Subcommand implements Callable<Integer> {
        @Option(names = "--json", description = "JSON instead of a table")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<ChannelDepth> channels = withOperations(DeadLetterOperations::list);
            PrintWriter out = dlq.out();
            if (json) {
                out.println(Jsoner.prettyPrint(DeadLetterJson.channels(channels).toJson()));
            } else {
                out.printf("%-40s %10s%n", "CHANNEL", "WAITING");
                channels.forEach(c -> out.printf("%-40s %10d%n", c.channel(), c.waiting()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Waiting dead letters: why they failed, body preview.")
    static final class Show extends ChannelSubcommand implements Callable<Integer> {
        @Option(names = "--limit", defaultValue = "10", description = "messages to show (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "JSON with every header")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<ChannelMessage> messages = withOperations(operations -> operations.show(channel, limit));
            PrintWriter out = dlq.out();
            if (json) {
                out.println(Jsoner.prettyPrint(DeadLetterJson.messages(messages).toJson()));
            } else {
                for (ChannelMessage message : messages) {
                    var headers = message.headers();
                    out.printf("%s  from %s after %s attempt(s), redriven %s time(s)%n  %s: %s%n  body: %s%n",
                            headers.getOrDefault(Envelope.ID, "(no id)"), headers.get(FailureHeaders.CHANNEL),
                            headers.get(FailureHeaders.ATTEMPTS), headers.getOrDefault(FailureHeaders.REDRIVE_COUNT, "0"),
                            headers.get(FailureHeaders.EXCEPTION), headers.get(FailureHeaders.MESSAGE),
                            preview(message.body()));
                }
                out.println(messages.size() + " message(s) shown");
            }
            out.flush();
            return 0;
        }

        private static String preview(byte[] body) {
            String text = new String(body, 0, Math.min(body.length, 120), java.nio.charset.StandardCharsets.UTF_8);
            return body.length > 120 ? text + "..." : text;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Sends dead letters back (by default each to the channel it failed on).")
    static final class Redrive extends ChannelSubcommand implements Callable<Integer> {
        @Mixin
        RedriveOptions redrive = new RedriveOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HeaderFilter headers;
            try {
                headers = DeadLetterOperations.filter(redrive.filter); // a typo is a usage error, found before connecting
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--filter: " + e.getMessage()
                        .replaceAll("\\s*\\R\\s*", " "));
            }
            RedriveReport report = withOperations(operations -> operations.redrive(redrive.request(operations, channel, headers)));
            dlq.out().println((redrive.dryRun ? "Dry run, nothing moved: " : "") + Jsoner.prettyPrint(DeadLetterJson.report(report).toJson()));
            dlq.out().flush();
            return 0;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Deletes every waiting dead letter of a channel.")
    static final class Purge extends ChannelSubcommand implements Callable<Integer> {
        @Option(names = "--yes", description = "confirms the deletion")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if (!yes) {
                dlq.spec.commandLine().getErr().println("purge deletes every waiting message of " + channel
                        + "; repeat with --yes");
                dlq.spec.commandLine().getErr().flush();
                return 2;
            }
            long purged = withOperations(operations -> operations.purge(channel));
            dlq.out().println("Purged " + purged + " message(s) from " + channel);
            dlq.out().flush();
            return 0;
        }
    }
}
