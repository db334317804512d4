package io.edakit.routes.support;

import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Objects a Camel context has one of (the saga engine, the idempotency database, the registry of
 * dead-letter channels): created by the first template instance that needs one, bound in the
 * context's registry for the others, and, where they hold connections or threads, closed when the
 * context stops. Synchronized on the context, so instances created in parallel share one.
 */
public final class ContextBeans {

    private ContextBeans() {
    }

    /** The bean {@code name} of {@code context}, created with {@code create} and bound if there is none yet. */
    public static <T> T getOrCreate(CamelContext context, String name, Class<T> type, Supplier<? extends T> create) {
        synchronized (context) {
            T existing = context.getRegistry().lookupByNameAndType(name, type);
            if (existing != null) {
                return existing;
            }
            T created = create.get();
            context.getRegistry().bind(name, type, created);
            return created;
        }
    }

    /**
     * Registers {@code resource} to be closed when {@code context} stops; if that fails, closes it at
     * once and throws.
     *
     * @param what names the resource in the exception ("the saga engine")
     */
    public static <T extends AutoCloseable> T closedWith(CamelContext context, T resource, String what) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            }, true, true);
            return resource;
        } catch (Exception e) {
            try {
                resource.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw new IllegalStateException("cannot register " + what + " with Camel", e);
        }
    }
}
