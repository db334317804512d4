package io.edakit.app;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TransportFixture;
import org.junit.jupiter.api.AfterEach;

class ArtemisDeadLetterChannelsTest extends DeadLetterChannelsTest {

    private final ArtemisFixture broker = new ArtemisFixture();
    private final OutsideClient.Jms jms = new OutsideClient.Jms(broker.clientSettings().get("edakit.broker.url"),
            broker.clientSettings().get("edakit.broker.password"));

    @AfterEach
    void closeClient() {
        jms.close();
    }

    @Override
    protected TransportFixture transport() {
        return broker;
    }

    @Override
    protected OutsideClient outside() {
        return jms;
    }

    @Override
    protected void createChannels(String... channels) {
        // a JMS client sending to an address creates it; its queue (the channel's) must exist first
        for (String channel : channels) {
            jms.createQueue(channel);
        }
    }

    @Override
    protected String suffix() {
        return "";
    }
}
