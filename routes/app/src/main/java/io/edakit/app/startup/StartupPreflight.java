package io.edakit.app.startup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.edakit.app.config.Listeners;
import io.edakit.app.config.LoadedConfig;
import io.edakit.broker.EmbeddedArtemisBroker;
import io.edakit.broker.Ports;
import io.edakit.broker.kafka.DevelopmentKafkaBroker;
import io.edakit.config.SettingSource;
import io.edakit.transport.artemis.ArtemisBrokerSettings;
import io.edakit.transport.kafka.KafkaSettings;

/**
 * What start-up needs from the machine, which no configuration check can know: every port the
 * configuration listens on is free, and no other running process holds the data directory of a
 * broker this process would start. Checked after the configuration and before anything starts,
 * so that a taken port or directory stops start-up at once, with one line naming the setting to
 * change, instead of a half-started instance (a taken HTTP port), one that silently uses another
 * process's broker (a taken broker port) or one that waits forever for a journal lock. The brokers
 * and the HTTP servers check again as they start, for what changes in between.
 */
public final class StartupPreflight {

    private StartupPreflight() {
    }

    /** One line per obstacle; empty when start-up may go ahead. */
    public static List<String> problems(LoadedConfig config) {
        List<String> problems = new ArrayList<>();
        for (Listeners.Listener listener : Listeners.of(config)) {
            if (listener.port() != 0 && !Ports.canListen(listener.host(), listener.port())) {
                problems.add("port " + listener.port() + " on " + listener.host() + " is in use by another process; "
                        + "stop it or choose another port with " + listener.key());
            }
        }
        SettingSource settings = config.settings(); // checked already: typed reads do not fail
        try {
            ArtemisBrokerSettings broker = ArtemisBrokerSettings.GROUP.read(settings);
            if (Listeners.usesArtemis(settings) && broker.embedded()) {
                EmbeddedArtemisBroker.requireFreeDataDirectory(broker.dataDirectory());
            }
            if (Listeners.usesKafka(settings) && KafkaSettings.wantsEmbeddedBroker(settings)) {
                DevelopmentKafkaBroker.requireFreeDataDirectory(KafkaSettings.GROUP.read(settings).embeddedDataDir());
            }
        } catch (IllegalStateException | IOException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }
}
