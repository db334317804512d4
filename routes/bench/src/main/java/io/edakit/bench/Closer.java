package io.edakit.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/** Closes what a run opened, last opened first; a failing close does not keep the others open. */
final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    void add(AutoCloseable closeable) {
        open.push(closeable);
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
