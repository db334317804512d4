package io.edakit.operator.fairness;

import java.util.List;
import java.util.Map;

import io.edakit.fairness.FairReceiver;
import io.edakit.fairness.TenantSnapshot;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** The operators' view of the fair channels of this instance, as JSON (HTTP answers it, the CLI prints it). */
final class FairnessJson {

    private FairnessJson() {
    }

    static JsonObject channels(Map<String, FairReceiver> running) {
        JsonArray channels = new JsonArray();
        running.forEach((name, receiver) -> channels.add(channel(name, receiver)));
        JsonObject root = new JsonObject();
        root.put("channels", channels);
        return root;
    }

    static JsonObject channel(String name, FairReceiver receiver) {
        JsonObject channel = new JsonObject();
        channel.put("channel", name);
        channel.put("lanes", receiver.policy().lanes());
        channel.put("cost", receiver.policy().costMode().name().toLowerCase().replace('_', '-'));
        channel.put("maxShare", receiver.policy().maxShare());
        channel.put("inFlight", receiver.inFlight());
        channel.put("forwarded", receiver.forwarded());
        // as configured or changed, whether or not the tenant was seen since start
        channel.put("weights", new JsonObject(new java.util.TreeMap<>(receiver.policy().weights().asMap())));
        channel.put("weightsChangeable", receiver.policy().weights().isFile());
        channel.put("tenants", tenants(receiver.tenants()));
        return channel;
    }

    private static JsonArray tenants(List<TenantSnapshot> snapshots) {
        JsonArray tenants = new JsonArray();
        for (TenantSnapshot s : snapshots) {
            JsonObject t = new JsonObject();
            t.put("tenant", s.tenant());
            t.put("backlog", s.waiting());
            t.put("inFlight", s.inFlight());
            t.put("handled", s.handled());
            t.put("share", Math.round(s.share() * 10_000) / 10_000.0);
            t.put("weight", s.weight());
            t.put("priority", s.priority());
            t.put("dwellP50Ms", s.dwellP50Millis());
            t.put("dwellP99Ms", s.dwellP99Millis());
            t.put("scheduledP99Ms", s.scheduledP99Millis());
            t.put("noisy", s.noisy());
            tenants.add(t);
        }
        return tenants;
    }
}
