package io.edakit.app.cli;

import io.edakit.transport.artemis.ArtemisBrokerSettings;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;

/**
 * Why a command could not use the broker, in the operator's terms: credentials the broker refused
 * name the settings that hold them; anything else (the broker out of reach) keeps the transport's
 * own explanation, which names the address.
 */
final class BrokerRefusal {

    private BrokerRefusal() {
    }

    static Exception explain(Exception failure, ArtemisBrokerSettings settings) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQSecurityException) {
                return new IllegalStateException("the broker at " + settings.url().orElse("(embedded)")
                        +  " refused user '" + settings.user() + "': check " + ArtemisBrokerSettings.USER.name()
                        + " and " + ArtemisBrokerSettings.PASSWORD.name() + " (same as the running instance's)", failure);
            }
        }
        return failure;
    }
}
