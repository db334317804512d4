package io.edakit.testing;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * What a transport needs in a test: the settings of the application that owns (or connects to)
 * the broker, and the settings of a second, independent client of the same broker.
 */
public interface TransportFixture {

    String name();

    /** Settings for the application under test; {@code dataDir} is fresh for each application. */
    Map<String, String> appSettings(Path dataDir);

    /** Settings for a client of the application's broker (started after the application). */
    Map<String, String> clientSettings();

    /** A client of the application's broker that knows nothing of edakit (started after the application). */
    PlainClient plainClient();

    /**
     * Readies the broker for {@code channels} in one go, before the application and the client start,
     * where a transport would otherwise do it channel by channel as each route starts; nothing by default.
     */
    default void prepareChannels(Collection<String> channels) {
    }
}
