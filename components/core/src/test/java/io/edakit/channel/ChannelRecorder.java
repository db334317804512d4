package io.edakit.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/** Test consumers of channels that keep a copy of every message they get. */
final class ChannelRecorder {

    private ChannelRecorder() {
    }

    /** Starts a consumer of {@code channel} in {@code context}; the returned list fills as messages arrive. */
    static List<Message> record(CamelContext context, String channel) throws Exception {
        List<Message> received = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + channel).process(e -> received.add(e.getMessage().copy()));
            }
        });
        return received;
    }

    /** The message whose {@code ce_id} is {@code id}. */
    static Message byId(List<Message> received, String id) {
        synchronized (received) {
            return received.stream().filter(m -> id.equals(m.getHeader("ce_id"))).findFirst().orElseThrow();
        }
    }
}
