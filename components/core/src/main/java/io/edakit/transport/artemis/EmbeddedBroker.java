package io.edakit.transport.artemis;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;


/**
 * The embedded Artemis broker of the {@code io.edakit:edakit-artemis-broker} artifact, which the
 * transport starts when {@code edakit.broker.url} is empty.
 *
 * <p>Found by its class name rather than compiled against: that artifact holds the Artemis server
 * (which Kafka-only users and clients of an external broker never need, so edakit-core does not
 * bring it) and depends on nothing of edakit-core (so core's own tests can start it; Maven allows
 * no cycle between modules, not even through tests). What this costs is one seam without the
 * compiler's check: its calls ({@code new EmbeddedArtemisBroker(new BrokerSettings(...))},
 * {@code start()}, {@code url()}, {@code isActive()}, {@code producersBlockedBecause()}, {@code close()}) are exercised by every Artemis
 * test of core, which run on the embedded broker.
 */
final class EmbeddedBroker implements AutoCloseable {

    static final String BROKER_CLASS = "io.edakit.broker.EmbeddedArtemisBroker";
    static final String SETTINGS_CLASS = "io.edakit.broker.BrokerSettings";
    private static final long MEBIBYTE = 1024L * 1024;

    private final AutoCloseable broker;
    private final Method url;
    private final Method isActive;
    private final Method producersBlockedBecause;

    private EmbeddedBroker(AutoCloseable broker) throws NoSuchMethodException {
        this.broker = broker;
        this.url = broker.getClass().getMethod("url");
        this.isActive = broker.getClass().getMethod("isActive");
        this.producersBlockedBecause = broker.getClass().getMethod("producersBlockedBecause");
    }

    /**
     * Starts the embedded broker {@code broker} describes, with {@code password}, or fails naming
     * the artifact to add (or the setting that avoids it).
     */
    static EmbeddedBroker start(ArtemisBrokerSettings broker, String password) throws Exception {
        ClassLoader loader = EmbeddedBroker.class.getClassLoader();
        Class<?> brokerClass;
        Class<?> settingsClass;
        try {
            brokerClass = Class.forName(BROKER_CLASS, true, loader);
            settingsClass = Class.forName(SETTINGS_CLASS, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(ArtemisBrokerSettings.URL.name() + " is empty, so the Artemis transport "
                    + "would start an embedded broker, but io.edakit:edakit-artemis-broker is not on the class path: "
                    + "add that dependency, or set " + ArtemisBrokerSettings.URL.name() + " to an external broker");
        }
        Constructor<?> settingsConstructor = settingsClass.getConstructor(String.class, int.class, Path.class,
                String.class, String.class, int.class, long.class);
        EmbeddedBroker embedded;
        try {
            Object settings = settingsConstructor.newInstance(broker.host(), broker.port(), broker.dataDirectory(),
                    broker.user(), password, broker.maxDeliveryAttempts(), broker.minDiskFreeMebibytes() * MEBIBYTE);
            embedded = new EmbeddedBroker((AutoCloseable) brokerClass.getConstructor(settingsClass).newInstance(settings));
            brokerClass.getMethod("start").invoke(embedded.broker);
        } catch (InvocationTargetException e) {
            throw unwrapped(e);
        }
        return embedded;
    }

    /** The URL clients connect with. */
    String url() {
        return (String) call(url);
    }

    boolean isActive() {
        return (Boolean) call(isActive);
    }

    /** Why the broker blocks producers now (its disk's free space is below the reserve), if it does. */
    @SuppressWarnings("unchecked")
    Optional<String> producersBlockedBecause() {
        return (Optional<String>) call(producersBlockedBecause);
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }

    private Object call(Method method) {
        try {
            return method.invoke(broker);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the broker threw, as it threw it (its messages name the setting to change). */
    private static Exception unwrapped(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception exception ? exception : new IllegalStateException(cause);
    }
}
