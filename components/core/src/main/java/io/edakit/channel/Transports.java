package io.edakit.channel;

import io.edakit.config.EdakitSettings;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.artemis.ArtemisTransport;
import io.edakit.transport.kafka.KafkaTransport;

/** Creates the transport that {@code edakit.transport} names. */
public final class Transports {

    private Transports() {
    }

    public static ChannelTransport create(EdakitSettings settings) {
        String name = settings.transport();
        switch (name) {
            case "artemis":
                return new ArtemisTransport(settings);
            case "kafka":
                return new KafkaTransport(settings);
            default:
                throw new IllegalArgumentException("Unknown transport '" + name + "' in "
                        + EdakitSettings.TRANSPORT.name() + "; expected one of " + EdakitSettings.TRANSPORT.allowedValues());
        }
    }
}
