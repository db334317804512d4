package io.edakit.channel;

import java.nio.file.Files;
import java.util.Properties;

import io.edakit.testing.PlainJmsClient;
import io.edakit.transport.artemis.ArtemisTransport;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The fixture of the interop tests on Artemis: a started Camel context whose channel component runs
 * the embedded broker (a free port, a data directory of its own, a user and password), and a plain
 * JMS client of that broker, whose connection factory the tests give Camel's JMS components too.
 */
final class InteropBroker {

    static final String USER = "interop";
    static final String PASSWORD = "interop-secret";

    final CamelContext context;
    final PlainJmsClient jms;

    private InteropBroker(CamelContext context, PlainJmsClient jms) {
        this.context = context;
        this.jms = jms;
    }

    static InteropBroker start(String dataPrefix) throws Exception {
        Properties props = new Properties();
        props.setProperty("edakit.broker.port", "0");
        props.setProperty("edakit.broker.data-dir", Files.createTempDirectory(dataPrefix).toString());
        props.setProperty("edakit.broker.user", USER);
        props.setProperty("edakit.broker.password", PASSWORD);
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(props);
        context.start();
        return new InteropBroker(context, new PlainJmsClient(transport(context).url(), USER, PASSWORD));
    }

    static ArtemisTransport transport(CamelContext context) {
        return (ArtemisTransport) context.getComponent("channel", ChannelComponent.class).transport();
    }

    /**
     * The context's routes first (Camel's JMS consumers, while their connection factory is still open),
     * then the client, whose factory closes every connection made from it (Camel's JMS endpoints' too),
     * then the context and its broker: a broker stopping with clients still connected waits for them
     * to leave (2 s, then Artemis' graceful shutdown: 10 s).
     */
    void stop() throws Exception {
        context.getRouteController().stopAllRoutes();
        jms.close();
        context.stop();
    }
}
