package io.edakit.fairness;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edakit.transport.ChannelAddress;
import org.junit.jupiter.api.Test;

/** What the fair receiver refuses before it touches a transport. */
class FairReceiverTest {

    @Test
    void aSubscriberGroupIsRefusedNamingTheChannelTheGroupAndWhatToDrop() {
        assertThatThrownBy(() -> new FairReceiver(null, ChannelAddress.subscriberGroup("orders", "billing"),
                FairnessPolicy.equalShares(), null, 1, (message, settlement) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channel orders: fairnessKey cannot be used with a subscriber group (group=billing); "
                        + "fairness is for point-to-point consumers: drop group= or fairnessKey=");
    }
}
