package io.edakit.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's disk guard is an absolute reserve of free space, not Artemis' default share of the
 * disk: at 90 % used (a 252 GB disk with 25 GB free) Artemis blocks every producer, and a
 * long-running test then hangs in its sends (the fair-channel crash tests' CI failure, reproduced
 * here with the percentage set below this disk's use). Blocking below the reserve, with the health saying so: {@code ArtemisDiskReserveTest} in core.
 */
class EmbeddedArtemisBrokerDiskTest {

    @TempDir
    Path dir;

    private Configuration configuration(long minDiskFree) throws Exception {
        return new EmbeddedArtemisBroker(new BrokerSettings("127.0.0.1", 0, dir, "edakit", "s3cret-for-test", 10,
                minDiskFree)).configuration();
    }

    @Test
    void theDefaultKeeps256MebibytesFreeAndNoShareOfTheDisk() throws Exception {
        Configuration config = new EmbeddedArtemisBroker(new BrokerSettings("127.0.0.1", 0, dir, "edakit",
                "s3cret-for-test", 10)).configuration();
        assertThat(config.getMaxDiskUsage()).as("Artemis' share-of-the-disk guard is off").isEqualTo(-1);
        assertThat(config.getMinDiskFree()).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void aReserveOfZeroTurnsTheGuardOff() throws Exception {
        Configuration config = configuration(0);
        assertThat(config.getMaxDiskUsage()).isEqualTo(-1);
        assertThat(config.getMinDiskFree()).isEqualTo(-1);
    }

    @Test
    void theReserveConfiguredIsTheOneTheBrokerKeeps() throws Exception {
        assertThat(configuration(5L * 1024 * 1024 * 1024).getMinDiskFree()).isEqualTo(5L * 1024 * 1024 * 1024);
    }
}
