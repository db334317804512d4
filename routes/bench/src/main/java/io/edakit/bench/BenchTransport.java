package io.edakit.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One benchmark run's broker and everything raw about it: the broker itself (started for the run,
 * gone afterwards), the settings that point an edakit Camel context at it, the raw sender that
 * feeds both sides of a point-to-point run, and the raw-client baselines. A transport plugs into
 * the scenarios by implementing this; the scenarios never see a client library.
 */
interface BenchTransport extends AutoCloseable {

    /** {@code artemis} or {@code kafka}, as on the command line and in the RESULT line. */
    String name();

    /** Starts (or connects to) the broker. */
    void start() throws Exception;

    /** The {@code edakit.*} settings for the template side's Camel context. */
    Map<String, String> edakitSettings();

    /** Creates what a channel is on this transport, exactly as edakit would, for a raw side. */
    void prepareChannel(String channel) throws Exception;

    /** The raw sender feeding both sides of point-to-point. */
    Feeder feeder() throws Exception;

    /** Running raw consumers of {@code channel}, {@code consumers} of them: each message counted, then acknowledged. */
    AutoCloseable pointToPointBaseline(String channel, int consumers, HandledCounter counter) throws Exception;

    /**
     * What a Camel user would write instead of the point-to-point template, running: a plain route
     * from Camel's own component for this broker ({@code camel-jms}, {@code camel-kafka}) consuming
     * {@code channel} with {@code consumers} consumers, counting each message, then acknowledging it.
     */
    AutoCloseable camelPointToPoint(String channel, int consumers, HandledCounter counter) throws Exception;

    /** What a Camel user would write instead of request-reply and responder; null where Camel has no equivalent. */
    RequestReplyBaseline camelRequestReply(String channel, int consumers) throws Exception;

    /** A running raw requester and responder on {@code channel}. */
    RequestReplyBaseline requestReplyBaseline(String channel, int consumers) throws Exception;

    /**
     * Waits until everything sent to {@code channel} has been acknowledged (committed) by its
     * consumers, so one phase's late acknowledgements do not slow the next.
     */
    void awaitSettled(String channel, Duration timeout) throws Exception;

    /** Human-readable lines describing the raw sender and the baselines of {@code scenario}. */
    String describe(String scenario);

    @Override
    void close();

    /** Sends persistent messages pipelined (confirmations asynchronous), the same way to every channel. */
    interface Feeder extends AutoCloseable {

        /** Sends {@code count} messages; returns once they are handed to the client, not confirmed. */
        void send(String channel, int count, byte[] payload) throws Exception;

        /** Waits until every message sent so far is confirmed; fails if one was not. */
        void awaitConfirmed(Duration timeout) throws Exception;

        /** Sends handed to the client that the broker has not confirmed (nor failed) yet. */
        long unconfirmed();

        @Override
        void close();
    }

    /** Raw request-reply: a responder and a requester, each caller thread with its own {@link Caller}. */
    interface RequestReplyBaseline extends AutoCloseable {

        Caller newCaller() throws Exception;

        /** Requests the responder answered. */
        long answered();

        @Override
        void close();
    }

    /** One caller thread's way to send a request and wait for its reply. */
    interface Caller extends AutoCloseable {

        byte[] call(byte[] request) throws Exception;

        @Override
        default void close() {
        }
    }
}
