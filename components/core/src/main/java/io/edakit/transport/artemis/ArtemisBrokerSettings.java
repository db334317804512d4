package io.edakit.transport.artemis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SecretFile;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * The {@code edakit.broker.*} settings: an external Artemis broker ({@link #url()}), or the one
 * embedded in this process and how it listens, plus the client side both share.
 *
 * @param url                 an external broker; empty: an embedded broker starts in-process
 * @param user                user name for the broker (embedded: the one user it accepts)
 * @param password            the password configured; empty: the embedded broker generates one
 * @param host                interface of the embedded broker's acceptor
 * @param port                port of the embedded broker's acceptor, 0 for a free one
 * @param dataDirectory       the embedded broker's journal
 * @param maxDeliveryAttempts deliveries after which the embedded broker parks a message on its DLA
 * @param senderSessions      Artemis sessions shared by all senders of this instance
 * @param minDiskFreeMebibytes free space the embedded broker keeps on its journal's disk (0: none)
 */
public record ArtemisBrokerSettings(Optional<String> url, String user, Optional<String> password, String host,
                                    int port, Path dataDirectory, int maxDeliveryAttempts, int senderSessions,
                                    int minDiskFreeMebibytes) {

    /** Name of the file in the broker's data directory that holds its generated password. */
    public static final String PASSWORD_FILE = "broker-password";

    public static final ParameterSpec URL = ParameterSpec.builder("edakit.broker.url", ParameterType.STRING)
            .description("URL of an external Artemis broker. When empty an embedded broker starts in-process.")
            .example("tcp://artemis.internal:61616").build();
    public static final ParameterSpec USER = ParameterSpec.builder("edakit.broker.user", ParameterType.STRING)
            .defaultValue("edakit").description("User name for the broker (embedded: the one user it accepts).").build();
    public static final ParameterSpec PASSWORD = ParameterSpec.builder("edakit.broker.password", ParameterType.STRING)
            .secret()
            .description("Password for the broker. Never logged. When empty, the embedded broker uses a random one "
                    + "generated into <edakit.broker.data-dir>/" + PASSWORD_FILE + " (readable by its owner "
                    + "only, kept across restarts), where the dlq command finds it; required when "
                    + "edakit.broker.host is not a loopback address.")
            .example("a-long-random-password").build();
    public static final ParameterSpec HOST = ParameterSpec.builder("edakit.broker.host", ParameterType.STRING)
            .defaultValue("127.0.0.1").description("Interface the embedded broker's acceptor binds to.").build();
    public static final ParameterSpec PORT = ParameterSpec.builder("edakit.broker.port", ParameterType.INTEGER)
            .bounds(Bounds.of(0, 65535)).defaultValue(61616)
            .description("Port of the embedded broker's acceptor (0 picks a free port).").build();
    public static final ParameterSpec DATA_DIR = ParameterSpec.builder("edakit.broker.data-dir", ParameterType.STRING)
            .defaultValue("./data/artemis").description("Directory of the embedded broker's persistent journal.").build();
    public static final ParameterSpec MAX_DELIVERY_ATTEMPTS = ParameterSpec
            .builder("edakit.broker.max-delivery-attempts", ParameterType.INTEGER).bounds(Bounds.atLeast(1)).defaultValue(10)
            .description("Embedded broker's last resort: after this many failed deliveries a message moves to the "
                    + "broker's DLA address instead of looping. Templates dead-letter long before that.").build();
    public static final ParameterSpec SENDER_SESSIONS = ParameterSpec
            .builder("edakit.broker.sender-sessions", ParameterType.INTEGER).bounds(Bounds.atLeast(1)).defaultValue(8)
            .description("Artemis sessions shared by all senders of this instance.").build();

    public static final ParameterSpec MIN_DISK_FREE = ParameterSpec
            .builder("edakit.broker.min-disk-free-mb", ParameterType.INTEGER).bounds(Bounds.atLeast(0))
            .defaultValue(256)
            .description("Free space, in MiB, the embedded broker keeps on the disk of its journal: below it the "
                    + "broker blocks producers (sends wait) until space is freed, and the transport's health is "
                    + "down saying so. 0: never blocks for disk space (a full disk then fails journal writes). "
                    + "An absolute reserve rather than Artemis' default share of the disk, which blocks at 90 % "
                    + "used even with tens of gigabytes free.").build();

    public static final SettingGroup<ArtemisBrokerSettings> GROUP = SettingGroup.of("Artemis broker",
            List.of(URL, USER, PASSWORD, HOST, PORT, DATA_DIR, MAX_DELIVERY_ATTEMPTS, SENDER_SESSIONS, MIN_DISK_FREE),
            ArtemisBrokerSettings::read);

    public ArtemisBrokerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    public static ArtemisBrokerSettings read(SettingSource source) {
        return new ArtemisBrokerSettings(source.optional(URL), source.string(USER), source.optional(PASSWORD),
                source.string(HOST), source.integer(PORT), source.path(DATA_DIR), source.integer(MAX_DELIVERY_ATTEMPTS),
                source.integer(SENDER_SESSIONS), source.integer(MIN_DISK_FREE));
    }

    /** Whether this process starts a broker of its own (no external URL). */
    public boolean embedded() {
        return url.isEmpty();
    }

    /** Where the embedded broker keeps the password generated when none is configured. */
    public Path passwordFile() {
        return dataDirectory.resolve(PASSWORD_FILE);
    }

    /**
     * What the embedded broker of this process starts with: the password configured, or the one
     * generated into {@link #passwordFile()} at the first start and read back at the next.
     */
    public String embeddedBrokerPassword() {
        return password.orElseGet(() -> SecretFile.readOrCreate(passwordFile(), "broker password"));
    }

    /**
     * These settings as seen by a client of a running instance (the dlq command, say): without an
     * external broker URL, it connects to the instance's embedded broker instead of starting one,
     * with the password configured or else the one that broker generated (never creating one).
     * The generated password is read now: call this only to connect.
     */
    public ArtemisBrokerSettings asClientOfRunningInstance() {
        if (!embedded()) {
            return this;
        }
        return new ArtemisBrokerSettings(Optional.of("tcp://" + host + ":" + port), user,
                Optional.of(password.orElseGet(this::generatedPasswordOfRunningBroker)), host, port, dataDirectory,
                maxDeliveryAttempts, senderSessions, minDiskFreeMebibytes);
    }

    private String generatedPasswordOfRunningBroker() {
        Path file = passwordFile();
        if (!Files.exists(file)) {
            throw new IllegalStateException(PASSWORD.name() + " is not set and the embedded broker's generated "
                    + "password file " + file + " does not exist: start the instance first, run this from its "
                    + "directory with the same " + DATA_DIR.name() + ", or set " + PASSWORD.name());
        }
        return SecretFile.read(file, "broker password");
    }

    /** The password stays out of {@code toString()}, which ends up in logs. */
    @Override
    public String toString() {
        return "ArtemisBrokerSettings[url=" + url + ", user=" + user + ", password=" + password.map(p -> "***")
                + ", host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory
                + ", maxDeliveryAttempts=" + maxDeliveryAttempts + ", senderSessions=" + senderSessions
                + ", minDiskFreeMebibytes=" + minDiskFreeMebibytes + "]";
    }
}
