package io.edakit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelAddressTest {

    @Test
    void pointToPointReceiversShareTheChannelsOwnName() {
        ChannelAddress address = ChannelAddress.pointToPoint("orders");

        assertThat(address.consumerGroupName()).isEqualTo("orders");
        assertThat(ChannelAddress.isSubscriberGroupName(address.consumerGroupName())).isFalse();
    }

    @Test
    void aSubscriberGroupsNameCarriesItsChannelSoEqualGroupsOfTwoChannelsStayApart() {
        String orders = ChannelAddress.subscriberGroup("orders", "billing").consumerGroupName();
        String refunds = ChannelAddress.subscriberGroup("refunds", "billing").consumerGroupName();

        assertThat(orders).isEqualTo("orders@billing");
        assertThat(refunds).isEqualTo("refunds@billing");
        assertThat(ChannelAddress.isSubscriberGroupName(orders)).isTrue();
    }

    @Test
    void aBlankGroupIsPointToPoint() {
        assertThat(new ChannelAddress("orders", " ").consumerGroupName()).isEqualTo("orders");
        assertThat(new ChannelAddress("orders", null).isPointToPoint()).isTrue();
    }
}
