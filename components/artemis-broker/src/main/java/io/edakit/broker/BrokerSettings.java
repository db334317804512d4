package io.edakit.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an embedded broker needs to start.
 *
 * @param host                interface of the network acceptor (127.0.0.1 unless told otherwise)
 * @param port                acceptor port; 0 picks a free one
 * @param dataDirectory       where the persistent journal lives
 * @param user                the one user the broker accepts
 * @param password            that user's password
 * @param maxDeliveryAttempts deliveries after which the broker itself parks a message on its DLA
 * @param minDiskFreeBytes    free space on the journal's disk below which the broker blocks
 *                            producers (0: never blocks for disk space)
 */
public record BrokerSettings(String host, int port, Path dataDirectory, String user, String password,
                             int maxDeliveryAttempts, long minDiskFreeBytes) {

    /**
     * The free space kept by default: 256 MiB. Artemis' own default guard is a share of the disk
     * (blocking at 90 % used), which on a large shared disk blocks every producer with tens of
     * gigabytes still free; what the journal needs is an absolute reserve (RabbitMQ's
     * disk_free_limit is one too).
     */
    public static final long DEFAULT_MIN_DISK_FREE_BYTES = 256L * 1024 * 1024;

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (minDiskFreeBytes < 0) {
            throw new IllegalArgumentException("minDiskFreeBytes must be 0 or more, was " + minDiskFreeBytes);
        }
    }

    /** Settings that keep the {@linkplain #DEFAULT_MIN_DISK_FREE_BYTES default} free space. */
    public BrokerSettings(String host, int port, Path dataDirectory, String user, String password,
                          int maxDeliveryAttempts) {
        this(host, port, dataDirectory, user, password, maxDeliveryAttempts, DEFAULT_MIN_DISK_FREE_BYTES);
    }

    /** Password stays out of {@code toString()}, which ends up in logs. */
    @Override
    public String toString() {
        return "BrokerSettings[host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory
                + ", user=" + user + ", maxDeliveryAttempts=" + maxDeliveryAttempts + ", minDiskFreeBytes=" + minDiskFreeBytes
                + "]";
    }
}
