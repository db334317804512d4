package io.edakit.channel;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;

/**
 * Unordered processing: any free worker takes the next message. A message whose route continues
 * asynchronously frees its worker at once, so in-flight messages are bounded by the receiver's
 * max-in-flight, not by the worker count.
 */
final class SharedPoolDispatcher implements WorkDispatcher {

    private final CamelContext context;
    private final ExecutorService workers;

    SharedPoolDispatcher(CamelContext context, Object owner, String name, int threads) {
        this.context = context;
        this.workers = context.getExecutorServiceManager().newFixedThreadPool(owner, name, threads);
    }

    @Override
    public void dispatch(String key, Work work) {
        workers.execute(() -> work.run(() -> { }));
    }

    @Override
    public void shutdown() {
        context.getExecutorServiceManager().shutdownGraceful(workers);
    }
}
