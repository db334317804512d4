package io.edakit.channel;

/**
 * Runs the processing of received messages on worker threads. Implementations decide whether
 * messages with the same ordering key must wait for each other.
 */
interface WorkDispatcher {

    /**
     * Runs {@code work} on a worker. {@code key} is the message's ordering key, or null.
     * The work itself reports when it is finished through {@code done}.
     */
    void dispatch(String key, Work work);

    /** Stops the workers once the work already dispatched has ended. */
    void shutdown();

    /** One message's processing; calls {@code done} when it has finished, from any thread. */
    @FunctionalInterface
    interface Work {
        void run(Runnable done);
    }
}
