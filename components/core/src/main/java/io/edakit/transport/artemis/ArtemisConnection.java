package io.edakit.transport.artemis;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * One connection to a broker and the kinds of session edakit opens on it.
 *
 * <p>Sends are confirmed asynchronously (a confirmation window, no blocking durable send): a
 * sender keeps many messages in flight and learns of each confirmation through a callback, which
 * is what lets a relay reach tens of thousands of persistent messages per second instead of the
 * ~280 a blocking send gets from a journal flush per message.
 */
final class ArtemisConnection implements AutoCloseable {

    private static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;
    private static final long CONNECTION_TTL_MILLIS = 15_000;

    private final String user;
    private final String password;
    private final ServerLocator locator;
    private final ClientSessionFactory factory;

    ArtemisConnection(String url, String user, String password, boolean reconnect) throws Exception {
        this.user = user;
        this.password = password;
        this.locator = ActiveMQClient.createServerLocator(url)
                .setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES)
                .setBlockOnDurableSend(false)
                .setBlockOnNonDurableSend(false)
                .setBlockOnAcknowledge(false)
                .setReconnectAttempts(reconnect ? -1 : 0)
                .setRetryInterval(500)
                .setRetryIntervalMultiplier(2.0)
                .setMaxRetryInterval(5_000);
        // the broker hands a dead client's unacknowledged messages to others after this long; a URL
        // that names the connection TTL (Artemis' own option) keeps its value rather than losing it here
        if (!namesOption(url, "connectionTTL")) {
            locator.setConnectionTTL(CONNECTION_TTL_MILLIS).setClientFailureCheckPeriod(CONNECTION_TTL_MILLIS / 3);
        }
        this.factory = locator.createSessionFactory(); // fails here, clearly, when the broker is unreachable
    }

    /** Whether the query of broker URL {@code url} sets Artemis option {@code option}. */
    static boolean namesOption(String url, String option) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith(option + "=")) {
                return true;
            }
        }
        return false;
    }

    /** For senders: sends committed as they go, confirmations asynchronous. */
    ClientSession producerSession() throws ActiveMQException {
        return factory.createSession(user, password, false, true, true, false, 0);
    }

    /**
     * For receivers: acknowledgements are individual and committed explicitly, so a message is
     * acknowledged only once its processing finished, and a rollback redelivers what was not.
     */
    ClientSession consumerSession() throws ActiveMQException {
        return factory.createSession(user, password, false, true, false, false, 0);
    }

    /** For the reply inbox: replies are transient, acknowledged on arrival. */
    ClientSession preAcknowledgingSession() throws ActiveMQException {
        return factory.createSession(user, password, false, true, true, true, 0);
    }

    boolean isConnected() {
        return !factory.isClosed() && factory.getConnection() != null;
    }

    @Override
    public void close() {
        factory.close();
        locator.close();
    }
}
