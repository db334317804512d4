package io.edakit.channel;

import io.edakit.transport.TransportSettings;
import io.edakit.config.Settings;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.artemis.ArtemisTransport;
import io.edakit.transport.kafka.KafkaTransport;

/** Creates the transport that {@code edakit.transport} names. */
public final class Transports {

    private Transports() {
    }

    /** The transport {@code settings} name; it reads its own settings group when it starts. */
    public static ChannelTransport create(Settings settings) {
        return settings.get(TransportSettings.GROUP).usesKafka() ? new KafkaTransport(settings)
                : new ArtemisTransport(settings);
    }
}
