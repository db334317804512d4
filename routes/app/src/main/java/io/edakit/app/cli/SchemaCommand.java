package io.edakit.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.edakit.envelope.EventEnvelope;
import io.edakit.envelope.StructuredCloudEvents;
import io.edakit.envelope.StructuredCloudEvents.BinaryEvent;
import io.edakit.failure.PoisonMessageException;
import io.edakit.schema.SchemaLoadException;
import io.edakit.schema.SchemaRegistry;
import io.edakit.schema.SchemaSettings;
import io.edakit.schema.UnknownTypePolicy;
import io.edakit.schema.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edakit schema check FILE --type T}: checks a sample event against the schemas an instance
 * would use, before any producer sends one. Exit code 0 when valid, 2 with one line per violation.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Event schemas: checks sample events against them.",
        subcommands = SchemaCommand.Check.class)
final class SchemaCommand {

    static final int INVALID_EVENT = 2;
    static final int CANNOT_CHECK = 1;
    static final Path DEFAULT_DIRECTORY = Path.of("schemas");

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates an event payload (or a structured-mode CloudEvent with --structured) against "
                    + "the schema of its type; exit code 2 with one line per violation when invalid. An event type "
                    + "without a schema counts as invalid.")
    static final class Check implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "JSON file: the event's payload, or the whole event with --structured")
        Path file;

        @Option(names = "--type", paramLabel = "TYPE",
                description = "event type (ce_type) whose schema applies; required unless --structured")
        String type;

        @Option(names = "--dataschema", paramLabel = "URI",
                description = "ce_dataschema of the event, which may name the schema version (e.g. .../order.created/1.json); "
                        + "default: the highest version")
        String dataSchema;

        @Option(names = "--structured",
                description = "FILE is a structured-mode CloudEvent (application/cloudevents+json): type, dataschema and "
                        + "payload are read from it; --type and --dataschema, if given, override its attributes")
        boolean structured;

        @Option(names = "--schema-dir", paramLabel = "DIR",
                description = "schema folder; default: edakit.schema.directory of the --config files, else ./schemas")
        Path schemaDirectory;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                BinaryEvent event = readEvent();
                SchemaRegistry registry = SchemaRegistry.load(schemaDirectory());
                ValidationResult result = registry.validate(event.envelope(), event.data(), UnknownTypePolicy.REJECT);
                if (result.valid()) {
                    out.println("valid: " + file + " against " + result.schema().orElseThrow());
                    return 0;
                }
                result.violations().forEach(err::println);
                return INVALID_EVENT;
            } catch (PoisonMessageException e) {
                // a structured event that is no CloudEvent: invalid, like a schema violation
                err.println(file + ": " + e.getMessage());
                return INVALID_EVENT;
            } catch (IOException | SchemaLoadException e) {
                err.println("cannot check " + file + ": " + e.getMessage());
                return CANNOT_CHECK;
            } finally {
                out.flush();
                err.flush();
            }
        }

        private BinaryEvent readEvent() throws IOException {
            if (!structured && type == null) {
                throw new ParameterException(spec.commandLine(), "Missing required option: '--type=TYPE' (or use --structured)");
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException("no such file");
            }
            byte[] content = Files.readAllBytes(file);
            if (!structured) {
                EventEnvelope envelope = EventEnvelope.newEvent("edakit-schema-check", type).withDataSchema(dataSchema);
                return new BinaryEvent(envelope, content);
            }
            BinaryEvent event = StructuredCloudEvents.parse(content);
            EventEnvelope envelope = event.envelope();
            envelope = type == null ? envelope : envelope.withType(type);
            envelope = dataSchema == null ? envelope : envelope.withDataSchema(dataSchema);
            return new BinaryEvent(envelope, event.data());
        }

        /** --schema-dir, else the configuration's setting (only when configuration is given), else ./schemas. */
        private Path schemaDirectory() throws IOException {
            if (schemaDirectory != null) {
                return schemaDirectory;
            }
            if (config.files.isEmpty() && config.overrides.isEmpty()) {
                return DEFAULT_DIRECTORY;
            }
            Optional<Path> configured = CliSettings.of(config.load(), config.overrides)
                    .get(SchemaSettings.GROUP).directory();
            return configured.orElse(DEFAULT_DIRECTORY);
        }
    }
}
