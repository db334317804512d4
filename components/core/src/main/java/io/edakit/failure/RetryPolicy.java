package io.edakit.failure;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Decides whether a failed message is tried again: not when the failure (or any of its causes) is
 * of a class that retrying cannot fix, and not beyond the configured number of retries.
 */
public final class RetryPolicy implements Predicate {

    /** Failures no retry fixes, whatever the configuration adds. */
    public static final List<String> ALWAYS_FINAL = List.of(
            PoisonMessageException.class.getName(),
            "org.apache.camel.InvalidPayloadException",
            "org.apache.camel.NoTypeConversionAvailableException");

    private final int maxRedeliveries;
    private final List<Class<?>> finalFailures = new ArrayList<>();

    /**
     * @param maxRedeliveries retries after the first attempt
     * @param noRetry         class names of further exceptions never retried
     */
    public RetryPolicy(int maxRedeliveries, List<String> noRetry, ClassLoader loader) {
        this.maxRedeliveries = maxRedeliveries;
        List<String> names = new ArrayList<>(ALWAYS_FINAL);
        names.addAll(noRetry);
        for (String name : names) {
            try {
                finalFailures.add(Class.forName(name.trim(), false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("no-retry exception class not found: " + name.trim(), e);
            }
        }
    }

    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        // Camel has already counted the retry it is deciding about: the first decision sees 1
        int retry = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        return retry <= maxRedeliveries && !isFinal(failure);
    }

    /** Whether {@code failure}, or one of its causes, is a failure no retry fixes. */
    public boolean isFinal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type : finalFailures) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
