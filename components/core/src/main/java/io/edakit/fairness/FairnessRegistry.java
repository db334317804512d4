package io.edakit.fairness;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fair receivers running in this JVM, by channel, for the operators' view (HTTP, CLI, metrics).
 * A receiver registers when it starts and leaves when it stops.
 */
public final class FairnessRegistry {

    private static final Map<String, FairReceiver> RUNNING = new ConcurrentHashMap<>();

    private FairnessRegistry() {
    }

    static void register(String channel, FairReceiver receiver) {
        RUNNING.put(channel, receiver);
    }

    static void unregister(String channel, FairReceiver receiver) {
        RUNNING.remove(channel, receiver);
    }

    public static Map<String, FairReceiver> running() {
        return new TreeMap<>(RUNNING);
    }

    public static Optional<FairReceiver> of(String channel) {
        return Optional.ofNullable(RUNNING.get(channel));
    }
}
