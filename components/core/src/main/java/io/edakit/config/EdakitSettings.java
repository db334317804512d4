package io.edakit.config;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.edakit.transport.kafka.KafkaSettings;

/**
 * The global {@code edakit.*} settings: which transport, where the broker is, who this instance is.
 * Every key is declared once in {@link #DEFINITIONS}; the validator refuses keys not listed there.
 */
public final class EdakitSettings {

    public static final String PREFIX = "edakit.";

    /** Name of the file in the broker's data directory that holds its generated password. */
    public static final String BROKER_PASSWORD_FILE = "broker-password";

    public static final ParameterSpec TRANSPORT = ParameterSpec.builder("edakit.transport", ParameterType.ENUM)
            .allowed("artemis", "kafka").defaultValue("artemis")
            .description("Which messaging system carries every channel.").build();
    public static final ParameterSpec INSTANCE_ID = ParameterSpec.builder("edakit.instance-id", ParameterType.STRING)
            .description("Names this application instance in reply addresses, failure headers and metrics. "
                    + "Default: host name and process id.")
            .example("orders-1").build();
    public static final ParameterSpec BROKER_URL = ParameterSpec.builder("edakit.broker.url", ParameterType.STRING)
            .description("URL of an external Artemis broker. When empty an embedded broker starts in-process.")
            .example("tcp://artemis.internal:61616").build();
    public static final ParameterSpec BROKER_USER = ParameterSpec.builder("edakit.broker.user", ParameterType.STRING)
            .defaultValue("edakit").description("User name for the broker (embedded: the one user it accepts).").build();
    public static final ParameterSpec BROKER_PASSWORD = ParameterSpec.builder("edakit.broker.password", ParameterType.STRING)
            .secret()
            .description("Password for the broker. Never logged. When empty, the embedded broker uses a random one "
                    + "generated into <edakit.broker.data-dir>/" + BROKER_PASSWORD_FILE + " (readable by its owner "
                    + "only, kept across restarts), where the dlq command finds it; required when "
                    + "edakit.broker.host is not a loopback address.")
            .example("a-long-random-password").build();
    public static final ParameterSpec BROKER_HOST = ParameterSpec.builder("edakit.broker.host", ParameterType.STRING)
            .defaultValue("127.0.0.1").description("Interface the embedded broker's acceptor binds to.").build();
    public static final ParameterSpec BROKER_PORT = ParameterSpec.builder("edakit.broker.port", ParameterType.INTEGER)
            .bounds(Bounds.of(0, 65535)).defaultValue(61616).description("Port of the embedded broker's acceptor (0 picks a free port).").build();
    public static final ParameterSpec BROKER_DATA_DIR = ParameterSpec.builder("edakit.broker.data-dir", ParameterType.STRING)
            .defaultValue("./data/artemis").description("Directory of the embedded broker's persistent journal.").build();
    public static final ParameterSpec BROKER_MAX_DELIVERY_ATTEMPTS = ParameterSpec
            .builder("edakit.broker.max-delivery-attempts", ParameterType.INTEGER).bounds(Bounds.atLeast(1)).defaultValue(10)
            .description("Embedded broker's last resort: after this many failed deliveries a message moves to the "
                    + "broker's DLA address instead of looping. Templates dead-letter long before that.").build();
    public static final ParameterSpec BROKER_SENDER_SESSIONS = ParameterSpec
            .builder("edakit.broker.sender-sessions", ParameterType.INTEGER).bounds(Bounds.atLeast(1)).defaultValue(8)
            .description("Artemis sessions shared by all senders of this instance.").build();

    public static final ParameterSpec HTTP_TOKEN = ParameterSpec.builder("edakit.http.token", ParameterType.STRING)
            .secret()
            .description("Bearer token of the operator API (/edakit/...): requests that change something (redrive, "
                    + "purge, saga retry and compensate) and reads from other hosts carry 'Authorization: Bearer "
                    + "<token>'. Never logged; at least 16 characters. When empty, one is generated into "
                    + "edakit.http.token-file; required when the HTTP server listens beyond loopback.")
            .example("a-long-random-token").build();
    public static final ParameterSpec HTTP_TOKEN_FILE = ParameterSpec.builder("edakit.http.token-file", ParameterType.STRING)
            .defaultValue("./data/http-token")
            .description("Where the generated operator token is kept (readable by its owner only, kept across "
                    + "restarts) when edakit.http.token is empty: curl -H \"Authorization: Bearer $(cat <file>)\".")
            .build();

    public static final ParameterSpec DLQ_MAX_REDRIVES = ParameterSpec.builder("edakit.dlq.max-redrives", ParameterType.INTEGER)
            .bounds(Bounds.atLeast(0)).defaultValue(5).description("A dead letter sent back this many times stays in its dead-letter channel "
                    + "instead of cycling (redrive command and HTTP API).").example(3).build();

    public static final ParameterSpec SCHEMA_DIRECTORY = ParameterSpec.builder("edakit.schema.directory", ParameterType.STRING)
            .description("Folder of JSON Schemas for event payloads: <event-type>.json or <event-type>/<version>.json. "
                    + "When empty no event has a schema.")
            .example("./config/schemas").build();

    public static final ParameterSpec IDEMPOTENCY_STORE = ParameterSpec.builder("edakit.idempotency.store", ParameterType.ENUM)
            .allowed("memory", "jdbc", "kafka").defaultValue("memory")
            .description("Where idempotent consumers remember processed keys and stale-guard positions. memory: this "
                    + "process only, lost on restart, at most 1,000,000 keys per template instance. jdbc: the "
                    + "database at edakit.idempotency.jdbc-url (H2 or PostgreSQL), shared by every instance using it. "
                    + "kafka: a compacted topic per template instance on the Kafka cluster (no database), shared by "
                    + "every instance: the topic's order decides which of two racing claims wins.")
            .example("jdbc").build();
    public static final ParameterSpec IDEMPOTENCY_JDBC_URL = jdbcUrl("edakit.idempotency", "idempotency",
            "the idempotency database (store=jdbc)", "");
    public static final ParameterSpec IDEMPOTENCY_JDBC_USER = jdbcUser("edakit.idempotency", "the idempotency database");
    public static final ParameterSpec IDEMPOTENCY_JDBC_PASSWORD = jdbcPassword("edakit.idempotency",
            "the idempotency database");

    public static final ParameterSpec SAGA_JDBC_URL = jdbcUrl("edakit.saga", "saga", "the saga log",
            " Instances sharing it take over each other's sagas when one dies.");
    public static final ParameterSpec SAGA_JDBC_USER = jdbcUser("edakit.saga", "the saga log database");
    public static final ParameterSpec SAGA_JDBC_PASSWORD = jdbcPassword("edakit.saga", "the saga log database");
    public static final ParameterSpec SAGA_LEASE = ParameterSpec.builder("edakit.saga.lease", ParameterType.DURATION)
            .defaultValue("30s")
            .description("How long a saga stays with the instance working on it without that instance renewing "
                    + "its claim (it renews every third of this): after a crash, another instance (or the restarted "
                    + "one) resumes the saga this long after the last renewal.").example("10s").build();
    public static final ParameterSpec SAGA_WORKERS = ParameterSpec.builder("edakit.saga.workers", ParameterType.INTEGER)
            .bounds(Bounds.atLeast(1)).defaultValue(8)
            .description("Sagas this instance works on at once (each runs its steps one after another).")
            .example(32).build();

    public static final List<ParameterSpec> DEFINITIONS = List.of(TRANSPORT, INSTANCE_ID, BROKER_URL, BROKER_USER,
            BROKER_PASSWORD, BROKER_HOST, BROKER_PORT, BROKER_DATA_DIR, BROKER_MAX_DELIVERY_ATTEMPTS,
            BROKER_SENDER_SESSIONS, HTTP_TOKEN, HTTP_TOKEN_FILE, DLQ_MAX_REDRIVES, KafkaSettings.BOOTSTRAP_SERVERS,
            KafkaSettings.CREATE_TOPICS, KafkaSettings.PARTITIONS, KafkaSettings.REPLICATION_FACTOR,
            KafkaSettings.CONSUMER_THREADS, KafkaSettings.EMBEDDED, KafkaSettings.EMBEDDED_PORT,
            KafkaSettings.EMBEDDED_DATA_DIR, SCHEMA_DIRECTORY,
            IDEMPOTENCY_STORE, IDEMPOTENCY_JDBC_URL, IDEMPOTENCY_JDBC_USER, IDEMPOTENCY_JDBC_PASSWORD, SAGA_JDBC_URL,
            SAGA_JDBC_USER, SAGA_JDBC_PASSWORD, SAGA_LEASE, SAGA_WORKERS);

    /** The JDBC URL setting {@code <prefix>.jdbc-url}; the default is an H2 file under ./data. */
    private static ParameterSpec jdbcUrl(String prefix, String h2File, String what, String more) {
        return ParameterSpec.builder(prefix + ".jdbc-url", ParameterType.STRING)
                .defaultValue("jdbc:h2:file:./data/" + h2File + ";AUTO_SERVER=TRUE")
                .description("JDBC URL of " + what + ": jdbc:h2:... or jdbc:postgresql:...." + more
                        + " Tables are created if missing.")
                .example("jdbc:postgresql://db.internal:5432/edakit").build();
    }

    private static ParameterSpec jdbcUser(String prefix, String what) {
        return ParameterSpec.builder(prefix + ".jdbc-user", ParameterType.STRING)
                .defaultValue("").description("User of " + what + ".").example("edakit").build();
    }

    private static ParameterSpec jdbcPassword(String prefix, String what) {
        return ParameterSpec.builder(prefix + ".jdbc-password", ParameterType.STRING).defaultValue("").secret()
                .description("Password of " + what + ". Never logged.").example("s3cret").build();
    }

    private final Function<String, Optional<String>> lookup;

    private EdakitSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /**
     * Settings read through {@code lookup} (e.g. Camel's properties component). Each key is tried as
     * declared (dashed) and in camelCase, since Camel and {@code -D} options use either.
     */
    public static EdakitSettings from(Function<String, Optional<String>> lookup) {
        return new EdakitSettings(lookup);
    }

    public String transport() {
        return value(TRANSPORT).toLowerCase(Locale.ROOT);
    }

    public String instanceId() {
        return find(INSTANCE_ID.name()).orElseGet(EdakitSettings::defaultInstanceId);
    }

    public Optional<String> brokerUrl() {
        return find(BROKER_URL.name()).filter(url -> !url.isBlank());
    }

    public String brokerUser() {
        return value(BROKER_USER);
    }

    /** The broker password configured, if any (an external broker may accept clients without one). */
    public Optional<String> brokerPassword() {
        return find(BROKER_PASSWORD.name());
    }

    /**
     * The password of the embedded broker this process runs: the configured one, or the one
     * generated into {@link #brokerPasswordFile()} at the first start and read back at the next.
     */
    public String embeddedBrokerPassword() {
        return brokerPassword().orElseGet(() -> SecretFile.readOrCreate(brokerPasswordFile(), "broker password"));
    }

    /** Where the embedded broker keeps the password generated when none is configured. */
    public Path brokerPasswordFile() {
        return brokerDataDir().resolve(BROKER_PASSWORD_FILE);
    }

    public String brokerHost() {
        return value(BROKER_HOST);
    }

    public int brokerPort() {
        return Integer.parseInt(value(BROKER_PORT));
    }

    public Path brokerDataDir() {
        return Path.of(value(BROKER_DATA_DIR));
    }

    public int brokerMaxDeliveryAttempts() {
        return Integer.parseInt(value(BROKER_MAX_DELIVERY_ATTEMPTS));
    }

    public int dlqMaxRedrives() {
        return Integer.parseInt(value(DLQ_MAX_REDRIVES));
    }

    /**
     * These settings as seen by a client of a running instance (the dlq command, say): without an
     * external broker URL, it connects to the instance's embedded broker instead of starting one,
     * with the password configured or else the one that broker generated (never creating one).
     */
    public EdakitSettings asClientOfEmbeddedBroker() {
        if (brokerUrl().isPresent()) {
            return this;
        }
        String embeddedUrl = "tcp://" + brokerHost() + ":" + brokerPort();
        // read when first needed: commands that never connect need no password
        Supplier<Optional<String>> password = () -> Optional.of(brokerPassword()
                .orElseGet(this::generatedPasswordOfRunningBroker));
        return new EdakitSettings(key -> key.equals(BROKER_URL.name()) ? Optional.of(embeddedUrl)
                : key.equals(BROKER_PASSWORD.name()) ? password.get() : lookup.apply(key));
    }

    private String generatedPasswordOfRunningBroker() {
        Path file = brokerPasswordFile();
        if (!Files.exists(file)) {
            throw new IllegalStateException(BROKER_PASSWORD.name() + " is not set and the embedded broker's generated "
                    + "password file " + file + " does not exist: start the instance first, run this from its "
                    + "directory with the same " + BROKER_DATA_DIR.name() + ", or set " + BROKER_PASSWORD.name());
        }
        return SecretFile.read(file, "broker password");
    }

    /** The folder of event schemas, if one is configured. */
    public Optional<Path> schemaDirectory() {
        return find(SCHEMA_DIRECTORY.name()).map(Path::of);
    }

    public int brokerSenderSessions() {
        return Integer.parseInt(value(BROKER_SENDER_SESSIONS));
    }

    /** The value of a declared setting, or its default. */
    public String value(ParameterSpec spec) {
        return find(spec.name()).orElse(spec.defaultValue());
    }

    /** Looks a key up in dashed and camelCase spelling; blank values count as absent. */
    public Optional<String> find(String key) {
        Optional<String> found = lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        if (found.isPresent()) {
            return found;
        }
        String camel = Names.camelCase(key);
        return camel.equals(key) ? Optional.empty() : lookup.apply(camel).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String defaultInstanceId() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        String id = runtime.contains("@")
                ? runtime.substring(runtime.indexOf('@') + 1) + "-" + runtime.substring(0, runtime.indexOf('@'))
                : UUID.randomUUID().toString().substring(0, 8);
        return id.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
