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
 */
public record BrokerSettings(String host, int port, Path dataDirectory, String user, String password,
                             int maxDeliveryAttempts) {

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Password stays out of {@code toString()}, which ends up in logs. */
    @Override
    public String toString() {
        return "BrokerSettings[host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory
                + ", user=" + user + ", maxDeliveryAttempts=" + maxDeliveryAttempts + "]";
    }
}
