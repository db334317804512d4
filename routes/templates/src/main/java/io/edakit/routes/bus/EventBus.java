package io.edakit.routes.bus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import io.edakit.deadletter.DeadLetterPreparer;
import io.edakit.eventpattern.Rule;
import io.edakit.eventpattern.UnmatchedPolicy;
import io.edakit.routes.metrics.TemplateMetrics;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each event by its envelope: every matching rule's targets get it (each target once, even
 * if several rules name it), each through its own {@link TargetDelivery}. The event is finished,
 * and its input acknowledged, when every target has it or has dead-lettered it. An event no rule
 * matches follows the rule file's unmatched policy: dropped (counted, logged) or sent to a target.
 */
final class EventBus extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    /** Exchange property listing the names of the rules an event matched (for handlers and logs). */
    static final String MATCHED_RULES = "EdakitMatchedRules";

    private final CamelContext context;
    private final RulesFile rules;
    private final long reloadIntervalMillis;
    private final BiFunction<Target, ScheduledExecutorService, TargetDelivery> deliveryFactory;
    private final Map<String, TargetDelivery> deliveries = new ConcurrentHashMap<>();
    /** Match counters by rule name, created at a rule's first match (a reloaded file may add rules). */
    private final Map<String, Counter> matches = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    EventBus(CamelContext context, RulesFile rules, long reloadIntervalMillis,
             BiFunction<Target, ScheduledExecutorService, TargetDelivery> deliveryFactory) {
        this.context = context;
        this.rules = rules;
        this.reloadIntervalMillis = reloadIntervalMillis;
        this.deliveryFactory = deliveryFactory;
    }

    /** One more match of {@code rule}, counted when the application has a meter registry (edakit's has). */
    private void countMatch(Exchange exchange, String rule) {
        Counter counter = matches.computeIfAbsent(rule, name -> {
            MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
            return registry == null ? null : Counter.builder(TemplateMetrics.BUS_RULE_MATCHES)
                    .description("Events an event-bus rule matched")
                    .tag(TemplateMetrics.TAG_ROUTE, String.valueOf(exchange.getFromRouteId()))
                    .tag(TemplateMetrics.TAG_RULE, name).register(registry);
        });
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    protected void doStart() {
        // schedules target retries, and the check of the rules file
        timer = context.getExecutorServiceManager().newScheduledThreadPool(this, "event-bus", 2);
        if (reloadIntervalMillis > 0) {
            timer.scheduleWithFixedDelay(rules::reloadIfChanged, reloadIntervalMillis, reloadIntervalMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<Rule> matched = rules.matcher().matchingHeaders(exchange.getMessage().getHeaders());
        matched.forEach(rule -> countMatch(exchange, rule.name()));
        Set<String> targets = new LinkedHashSet<>();
        matched.forEach(rule -> targets.addAll(rule.targets()));
        exchange.setProperty(MATCHED_RULES, matched.stream().map(Rule::name).toList());
        if (targets.isEmpty()) {
            UnmatchedPolicy unmatched = rules.matcher().ruleSet().unmatched();
            if (unmatched instanceof UnmatchedPolicy.SendTo sendTo) {
                targets.add(sendTo.target());
            } else {
                exchange.setProperty(TemplateMetrics.DROPPED, true);
                LOG.debug("Dropped an event no rule matches: id {}, type {}",
                        exchange.getMessage().getHeader("ce_id"), exchange.getMessage().getHeader("ce_type"));
                callback.done(true);
                return true;
            }
        }
        List<CompletableFuture<TargetDelivery.Outcome>> outcomes = new ArrayList<>();
        for (String target : targets) {
            outcomes.add(deliveries.computeIfAbsent(target, t -> deliveryFactory.apply(Target.parse(t), timer)).deliver(exchange));
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                // neither delivered nor dead-lettered somewhere: the transport delivers the event again
                exchange.setException(failure instanceof Exception e ? e : new IllegalStateException(failure));
            } else if (outcomes.stream().anyMatch(o -> o.join() == TargetDelivery.Outcome.DEAD_LETTERED)) {
                exchange.setProperty(DeadLetterPreparer.DEAD_LETTERED, true);
            }
            callback.done(false);
        });
        return false;
    }
}
