package io.edakit.transport;

/**
 * Where a receiver hands the messages it reads. The sink must not block for long: it starts the
 * processing and settles the message later, possibly from another thread.
 */
@FunctionalInterface
public interface MessageSink {

    void deliver(ChannelMessage message, Settlement settlement);
}
