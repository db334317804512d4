package io.edakit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.edakit.envelope.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterLogTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final DeadLetterLog log = new DeadLetterLog("orders.dlq", now::get, lines::add);
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void eachDeadLetterGetsOneLineNamingWhatAnOperatorLooksFor() {
        log.deadLettered(deadLetter("o-1"));
        assertThat(lines).containsExactly("Dead-lettered to orders.dlq: route orders, id o-1, after 4 attempt(s): "
                + "java.lang.IllegalStateException: downstream rejects o-1 on line two");
    }

    @Test
    void aDeadLetterWithTraceContextNamesItsTrace() {
        Exchange exchange = deadLetter("o-1");
        exchange.getMessage().setHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        log.deadLettered(exchange);
        assertThat(lines).singleElement().asString().endsWith("on line two, trace 4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aFloodWritesTenLinesASecondAndThenHowManyWereNotWritten() {
        for (int i = 0; i < 250; i++) {
            log.deadLettered(deadLetter("o-" + i));
        }
        assertThat(lines).hasSize(DeadLetterLog.LINES_PER_SECOND).allMatch(line -> line.startsWith("Dead-lettered to orders.dlq: route orders, id o-"));

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_100));
        log.summarize(); // what the timer does a second later
        assertThat(lines).hasSize(DeadLetterLog.LINES_PER_SECOND + 1);
        assertThat(lines.get(lines.size() - 1)).contains("route orders, 240 more message(s) in one second not logged one by one");

        log.deadLettered(deadLetter("later"));
        assertThat(lines).as("a new second, a new allowance").hasSize(DeadLetterLog.LINES_PER_SECOND + 2);
        log.summarize();
        assertThat(lines).as("nothing suppressed, nothing to say").hasSize(DeadLetterLog.LINES_PER_SECOND + 2);
    }

    @Test
    void theNextSecondsFirstDeadLetterReportsTheSuppressedOnesIfTheTimerHasNotYet() {
        for (int i = 0; i < 12; i++) {
            log.deadLettered(deadLetter("o-" + i));
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        log.deadLettered(deadLetter("o-12"));
        assertThat(lines.subList(10, 12)).satisfiesExactly(
                summary -> assertThat(summary).contains("2 more message(s)"),
                line -> assertThat(line).contains("id o-12"));
    }

    @Test
    void stoppingSaysHowManyAreStillUnmentioned() {
        log.start();
        for (int i = 0; i < 13; i++) {
            log.deadLettered(deadLetter("o-" + i));
        }
        log.stop();
        assertThat(lines).hasSize(DeadLetterLog.LINES_PER_SECOND + 1);
        assertThat(lines.get(lines.size() - 1)).contains("3 more message(s)");
    }

    private Exchange deadLetter(String id) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getExchangeExtension().setFromRouteId("orders");
        exchange.getMessage().setHeader(Envelope.ID, id);
        exchange.getMessage().setHeader(FailureHeaders.ATTEMPTS, 4);
        exchange.getMessage().setHeader(FailureHeaders.EXCEPTION, IllegalStateException.class.getName());
        exchange.getMessage().setHeader(FailureHeaders.MESSAGE, "downstream rejects " + id + "\non line two");
        return exchange;
    }
}
