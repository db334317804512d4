package io.edakit.channel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The child JVM of {@link FairCrashContractTest}: one consumer instance of a fair channel, until it
 * is killed. Its handler prints {@code handled <tenant> <seq>} before it returns (so a message
 * printed and killed before its acknowledgement reached the broker is printed again by whoever gets
 * it next: a duplicate, never a loss), takes 1 ms, and fails every message whose seq is a multiple
 * of {@value #POISON_EVERY}, which the route's dead-letter channel writes to {@code <channel>-dlq}.
 * Its handler waits for a line {@code go} on standard input first, so a test can have both of two
 * instances reading the lanes before anything is handled. A kill ({@code SIGKILL}) is the crash; a
 * {@code SIGTERM} ends it cleanly once the test is over.
 *
 * <p>Arguments: the channel, then the edakit settings as {@code key=value}.
 */
public final class FairCrashConsumer {

    static final int POISON_EVERY = 97;
    static final String KEY = "fairnessKey=RAW(${header.tenant})";

    private FairCrashConsumer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String channel = args[0];
        Properties settings = new Properties();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        CountDownLatch go = new CountDownLatch(1);
        Thread input = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("go")) {
                        go.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the test ended
            }
        }, "go");
        input.setDaemon(true);
        input.start();
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(settings);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("channel:" + channel + "-dlq").maximumRedeliveries(0));
                from("channel:" + channel + "?" + KEY + "&concurrentConsumers=2").routeId("crash-consumer")
                        .process(e -> {
                            go.await();
                            String tenant = e.getMessage().getHeader("tenant", String.class);
                            int seq = e.getMessage().getHeader("seq", Integer.class);
                            if (seq % POISON_EVERY == 0) {
                                throw new IllegalArgumentException("poison " + tenant + " " + seq);
                            }
                            out.println("handled " + tenant + " " + seq);
                            LockSupport.parkNanos(1_000_000);
                        });
            }
        });
        context.start();
        // ended by SIGTERM once the test is done: the context closes its broker connection, so a broker
        // in the test JVM stops at once instead of waiting out the connection TTL of a vanished client
        context.getShutdownStrategy().setTimeout(5);
        Runtime.getRuntime().addShutdownHook(new Thread(context::stop, "stop-crash-consumer"));
        out.println("ready");
        new CountDownLatch(1).await(); // until killed
    }
}
