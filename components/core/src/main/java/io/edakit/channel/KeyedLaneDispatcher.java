package io.edakit.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

import org.apache.camel.CamelContext;

/**
 * Ordered processing: one lane (a single worker thread) per slot, chosen by the hash of the
 * message's ordering key, so messages with the same key are processed one after another in the
 * order they were received, while different keys run in parallel. A lane starts its next message
 * only when the previous one has finished, even if that message's route went asynchronous.
 * Messages without a key do not belong here: they go to a {@link SharedPoolDispatcher}.
 */
final class KeyedLaneDispatcher implements WorkDispatcher {

    private final CamelContext context;
    private final List<ExecutorService> lanes = new ArrayList<>();

    KeyedLaneDispatcher(CamelContext context, Object owner, String name, int laneCount) {
        this.context = context;
        for (int i = 0; i < laneCount; i++) {
            lanes.add(context.getExecutorServiceManager().newSingleThreadExecutor(owner, name + "-lane-" + i));
        }
    }

    @Override
    public void dispatch(String key, Work work) {
        lanes.get(laneOf(key)).execute(() -> {
            Semaphore finished = new Semaphore(0);
            work.run(finished::release);
            finished.acquireUninterruptibly();
        });
    }

    private int laneOf(String key) {
        return Math.floorMod(key.hashCode(), lanes.size());
    }

    @Override
    public void shutdown() {
        lanes.forEach(context.getExecutorServiceManager()::shutdownGraceful);
    }
}
