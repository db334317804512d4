package io.edakit.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A broker URL's own connection TTL is kept, not replaced by edakit's default. */
class ArtemisConnectionTest {

    @Test
    void onlyAnOptionTheUrlsQueryNamesCounts() {
        assertThat(ArtemisConnection.namesOption("tcp://b:61616?connectionTTL=6000&clientFailureCheckPeriod=2000",
                "connectionTTL")).isTrue();
        assertThat(ArtemisConnection.namesOption("tcp://b:61616?sslEnabled=true&connectionTTL=6000", "connectionTTL"))
                .isTrue();
        assertThat(ArtemisConnection.namesOption("tcp://b:61616", "connectionTTL")).isFalse();
        assertThat(ArtemisConnection.namesOption("tcp://b:61616?connectionTTLx=1", "connectionTTL")).isFalse();
    }
}
