package io.edakit.channel;

/**
 * Unordered processing with a single consumer: the receiver's own thread runs the route, as a JMS
 * message listener would. Handing each message to a worker thread and the acknowledgement back
 * costs two thread wake-ups per message, a quarter of the consumer's throughput when measured
 * here; with one consumer there is no parallelism to gain from it.
 */
final class InlineDispatcher implements WorkDispatcher {

    @Override
    public void dispatch(String key, Work work) {
        work.run(() -> { });
    }

    @Override
    public void shutdown() {
        // nothing of its own to stop
    }
}
