package io.edakit.routes.templates;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.edakit.config.Bounds;
import io.edakit.config.Settings;
import io.edakit.transport.TransportSettings;
import io.edakit.config.Names;
import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.failure.Backoff;
import io.edakit.deadletter.DeadLetterPreparer;
import io.edakit.failure.RetryPolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.model.RedeliveryPolicyDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;

/**
 * Retries with exponential backoff and jitter, then the dead-letter channel: the same parameters
 * and behaviour on every consuming template.
 *
 * <p>A message that fails after its retries (or at once, for failures no retry fixes) is written
 * to the dead-letter channel as it was received (handlers work on a copy), plus failure headers; only once that write is
 * confirmed is the original acknowledged. A crash in between means a redelivery, never a loss.
 */
public final class DeadLetterSupport {

    /** The dead-letter channel of a template that has a {@code channel} parameter. */
    public static final Param<String> DEAD_LETTER_CHANNEL = Param.string("dead-letter-channel")
            .defaultValue(Parameters.CHANNEL.placeholder() + ".dlq")
            .description("Channel that receives messages which failed for good, with failure headers. "
                    + "Default: the template's channel name plus '.dlq'.").example("orders.dlq").build();

    public static final Param<Integer> MAX_REDELIVERIES = Param.integer("max-redeliveries", Bounds.atLeast(0)).defaultValue(3)
            .description("Retries after the first failed attempt, before dead-lettering. 0: none.").example(5).build();
    public static final Param<Duration> REDELIVERY_DELAY = Param.duration("redelivery-delay").zeroAllowed().defaultValue("500ms")
            .description("Pause before the first retry. 0: retry at once.").example("1s").build();
    public static final Param<Double> BACKOFF_MULTIPLIER = Param.number("backoff-multiplier", Bounds.of(1, 1000))
            .defaultValue(2.0)
            .description("Each retry waits this many times longer than the previous one.").example(1.5).build();
    public static final Param<Duration> MAX_REDELIVERY_DELAY = Param.duration("max-redelivery-delay").zeroAllowed()
            .defaultValue("30s")
            .description("Longest pause before a retry, however many came before.").example("1m").build();
    public static final Param<Double> JITTER = Param.number("jitter", Bounds.below(0, 1)).defaultValue(0.15)
            .description("Random spread of each delay (0.15: plus or minus 15%), so that failed "
                    + "messages do not retry in lockstep. 0: exact delays.").example(0.25).build();
    public static final Param<String> NO_RETRY_EXCEPTIONS = Param.string("no-retry-exceptions").defaultValue("")
            .description("Comma-separated exception classes that go to the dead-letter channel at once. "
                    + "Always included: malformed payloads and envelopes (PoisonMessageException, "
                    + "InvalidPayloadException, NoTypeConversionAvailableException).")
            .example("java.lang.IllegalArgumentException").build();

    public static final List<Param<?>> PARAMETERS = parameters(DEAD_LETTER_CHANNEL);

    /** The retry and dead-letter parameters, with the given declaration of the dead-letter channel. */
    public static List<Param<?>> parameters(Param<String> deadLetterChannel) {
        return List.of(deadLetterChannel, MAX_REDELIVERIES, REDELIVERY_DELAY, BACKOFF_MULTIPLIER, MAX_REDELIVERY_DELAY,
                JITTER, NO_RETRY_EXCEPTIONS);
    }

    private DeadLetterSupport() {
    }

    /** Adds the per-instance retry policy and failure processors, and the error handler using them. */
    public static RouteDefinition apply(RouteTemplateDefinition template, RouteDefinition route) {
        template.templateBean("retryPolicy", Predicate.class, context -> retryPolicy(context));
        template.templateBean("deadLetterPreparer", Processor.class, DeadLetterSupport::preparer);

        DeadLetterChannelDefinition deadLetter = new DeadLetterChannelDefinition(
                TemplateSupport.ONE_WAY.formatted(DEAD_LETTER_CHANNEL.placeholder()));
        // No useOriginalMessage: handlers run on a copy (HandlerCall), so the message a failure leaves
        // is still the one received; keeping a second copy of every message for that cost ~7 % of a
        // consumer's CPU.
        deadLetter.retryWhileRef("{{retryPolicy}}");
        deadLetter.onPrepareFailureRef("{{deadLetterPreparer}}");
        // if writing to the dead-letter channel fails too, the exchange fails and the transport redelivers
        deadLetter.setDeadLetterHandleNewException("false");
        RedeliveryPolicyDefinition policy = deadLetter.getRedeliveryPolicy();
        // Camel reads the delays as durations too (its own TimeUtils, as Durations does, after our stricter check)
        policy.setRedeliveryDelay(REDELIVERY_DELAY.placeholder());
        policy.setUseExponentialBackOff("true");
        policy.setBackOffMultiplier(BACKOFF_MULTIPLIER.placeholder());
        policy.setMaximumRedeliveryDelay(MAX_REDELIVERY_DELAY.placeholder());
        policy.setUseCollisionAvoidance("true");
        policy.setCollisionAvoidanceFactor(JITTER.placeholder());
        policy.setAsyncDelayedRedelivery("true"); // a waiting retry holds no thread
        policy.setRetryAttemptedLogLevel("DEBUG");
        policy.setRetriesExhaustedLogLevel("DEBUG"); // the preparer writes the one WARN line (DeadLetterLog)
        policy.setLogStackTrace("false");
        return route.errorHandler(deadLetter);
    }

    /** The same parameters as a policy for deliveries the template makes itself (the bus's targets). */
    public static DeliveryPolicy targetPolicy(RouteTemplateContext context) {
        Function<String, String> values = TemplateSupport.values(context);
        Backoff backoff = new Backoff(REDELIVERY_DELAY.value(values).toMillis(), BACKOFF_MULTIPLIER.value(values),
                MAX_REDELIVERY_DELAY.value(values).toMillis(), JITTER.value(values));
        return new DeliveryPolicy(TemplateSupport.ONE_WAY.formatted(DEAD_LETTER_CHANNEL.value(values)),
                MAX_REDELIVERIES.value(values), backoff, retryPolicy(context), preparer(context));
    }

    /** The instance's failure processor; creating it registers the instance's dead-letter channels. */
    public static DeadLetterPreparer preparer(RouteTemplateContext context) {
        DeadLetterChannels.register(context);
        DeadLetterPreparer preparer = new DeadLetterPreparer(Settings.of(context.getCamelContext())
                .get(TransportSettings.GROUP).instanceId(),
                TemplateSupport.value(context, DEAD_LETTER_CHANNEL));
        try {
            context.getCamelContext().addService(preparer.log(), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the dead-letter log with Camel", e);
        }
        return preparer;
    }

    private static RetryPolicy retryPolicy(RouteTemplateContext context) {
        return retryPolicy(TemplateSupport.values(context), context.getCamelContext());
    }

    /** Why the instance's no-retry exception classes cannot all be loaded, or empty when they can. */
    public static Optional<ParameterProblem> noRetryProblem(Function<String, String> values, CamelContext camel) {
        try {
            retryPolicy(values, camel);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(ParameterProblem.of(NO_RETRY_EXCEPTIONS, e.getMessage()));
        }
    }

    private static RetryPolicy retryPolicy(Function<String, String> values, CamelContext camel) {
        List<String> noRetry = Arrays.stream(NO_RETRY_EXCEPTIONS.value(values).split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        return new RetryPolicy(MAX_REDELIVERIES.value(values), noRetry,
                camel.getApplicationContextClassLoader() != null
                        ? camel.getApplicationContextClassLoader()
                        : DeadLetterSupport.class.getClassLoader());
    }
}
