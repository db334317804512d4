package io.edakit.routes.templates;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.edakit.config.Bounds;
import io.edakit.config.Settings;
import io.edakit.transport.TransportSettings;
import io.edakit.config.Names;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.deadletter.Backoff;
import io.edakit.deadletter.DeadLetterPreparer;
import io.edakit.deadletter.RetryPolicy;
import io.edakit.routes.bus.DeliveryPolicy;
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
final class DeadLetterSupport {

    /** The dead-letter channel of a template that has a {@code channel} parameter. */
    static final ParameterSpec DEAD_LETTER_CHANNEL = ParameterSpec.builder("dead-letter-channel", ParameterType.STRING)
            .defaultValue("{{channel}}.dlq")
            .description("Channel that receives messages which failed for good, with failure headers. "
                    + "Default: the template's channel name plus '.dlq'.").example("orders.dlq").build();

    static final List<ParameterSpec> PARAMETERS = parameters(DEAD_LETTER_CHANNEL);

    static final String NO_RETRY_EXCEPTIONS = "no-retry-exceptions";

    /** The retry and dead-letter parameters, with the given declaration of the dead-letter channel. */
    static List<ParameterSpec> parameters(ParameterSpec deadLetterChannel) {
        return List.of(deadLetterChannel,
            ParameterSpec.builder("max-redeliveries", ParameterType.INTEGER).bounds(Bounds.atLeast(0)).defaultValue(3)
                    .description("Retries after the first failed attempt, before dead-lettering. 0: none.").example(5).build(),
            ParameterSpec.builder("redelivery-delay", ParameterType.INTEGER).bounds(Bounds.atLeast(0)).defaultValue(500)
                    .description("Milliseconds before the first retry.").example(1000).build(),
            ParameterSpec.builder("backoff-multiplier", ParameterType.NUMBER).bounds(Bounds.of(1, 1000)).defaultValue(2.0)
                    .description("Each retry waits this many times longer than the previous one.").example(1.5).build(),
            ParameterSpec.builder("max-redelivery-delay", ParameterType.INTEGER).bounds(Bounds.atLeast(0))
                    .defaultValue(30_000)
                    .description("Milliseconds a retry waits at most, however many came before.").example(60_000).build(),
            ParameterSpec.builder("jitter", ParameterType.NUMBER).bounds(Bounds.below(0, 1)).defaultValue(0.15)
                    .description("Random spread of each delay (0.15: plus or minus 15%), so that failed "
                            + "messages do not retry in lockstep. 0: exact delays.").example(0.25).build(),
            ParameterSpec.builder(NO_RETRY_EXCEPTIONS, ParameterType.STRING).defaultValue("")
                    .description("Comma-separated exception classes that go to the dead-letter channel at once. "
                            + "Always included: malformed payloads and envelopes (PoisonMessageException, "
                            + "InvalidPayloadException, NoTypeConversionAvailableException).")
                    .example("java.lang.IllegalArgumentException").build());
    }

    private DeadLetterSupport() {
    }

    /** Adds the per-instance retry policy and failure processors, and the error handler using them. */
    static RouteDefinition apply(RouteTemplateDefinition template, RouteDefinition route) {
        template.templateBean("retryPolicy", Predicate.class, context -> retryPolicy(context));
        template.templateBean("deadLetterPreparer", Processor.class, DeadLetterSupport::preparer);

        DeadLetterChannelDefinition deadLetter = new DeadLetterChannelDefinition(TemplateSupport.ONE_WAY.formatted("{{deadLetterChannel}}"));
        // No useOriginalMessage: handlers run on a copy (HandlerCall), so the message a failure leaves
        // is still the one received; keeping a second copy of every message for that cost ~7 % of a
        // consumer's CPU.
        deadLetter.retryWhileRef("{{retryPolicy}}");
        deadLetter.onPrepareFailureRef("{{deadLetterPreparer}}");
        // if writing to the dead-letter channel fails too, the exchange fails and the transport redelivers
        deadLetter.setDeadLetterHandleNewException("false");
        RedeliveryPolicyDefinition policy = deadLetter.getRedeliveryPolicy();
        policy.setRedeliveryDelay("{{redeliveryDelay}}");
        policy.setUseExponentialBackOff("true");
        policy.setBackOffMultiplier("{{backoffMultiplier}}");
        policy.setMaximumRedeliveryDelay("{{maxRedeliveryDelay}}");
        policy.setUseCollisionAvoidance("true");
        policy.setCollisionAvoidanceFactor("{{jitter}}");
        policy.setAsyncDelayedRedelivery("true"); // a waiting retry holds no thread
        policy.setRetryAttemptedLogLevel("DEBUG");
        policy.setRetriesExhaustedLogLevel("DEBUG"); // the preparer writes the one WARN line (DeadLetterLog)
        policy.setLogStackTrace("false");
        return route.errorHandler(deadLetter);
    }

    /** The same parameters as a policy for deliveries the template makes itself (the bus's targets). */
    static DeliveryPolicy targetPolicy(RouteTemplateContext context) {
        Backoff backoff = new Backoff(Long.parseLong(TemplateSupport.value(context, "redeliveryDelay")),
                Double.parseDouble(TemplateSupport.value(context, "backoffMultiplier")),
                Long.parseLong(TemplateSupport.value(context, "maxRedeliveryDelay")),
                Double.parseDouble(TemplateSupport.value(context, "jitter")));
        return new DeliveryPolicy(TemplateSupport.ONE_WAY.formatted(TemplateSupport.value(context, "deadLetterChannel")),
                Integer.parseInt(TemplateSupport.value(context, "maxRedeliveries")), backoff, retryPolicy(context),
                preparer(context));
    }

    /** The instance's failure processor; creating it registers the instance's dead-letter channels. */
    static DeadLetterPreparer preparer(RouteTemplateContext context) {
        DeadLetterChannels.register(context);
        DeadLetterPreparer preparer = new DeadLetterPreparer(Settings.of(context.getCamelContext())
                .get(TransportSettings.GROUP).instanceId(),
                TemplateSupport.value(context, "deadLetterChannel"));
        try {
            context.getCamelContext().addService(preparer.log(), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the dead-letter log with Camel", e);
        }
        return preparer;
    }

    private static RetryPolicy retryPolicy(RouteTemplateContext context) {
        return retryPolicy(name -> TemplateSupport.value(context, name), context.getCamelContext());
    }

    /** Why the instance's no-retry exception classes cannot all be loaded, or empty when they can. */
    static Optional<String> noRetryProblem(Function<String, String> values, CamelContext camel) {
        try {
            retryPolicy(values, camel);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static RetryPolicy retryPolicy(Function<String, String> values, CamelContext camel) {
        List<String> noRetry = Arrays.stream(values.apply(Names.camelCase(NO_RETRY_EXCEPTIONS)).split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        return new RetryPolicy(Integer.parseInt(values.apply("maxRedeliveries")), noRetry,
                camel.getApplicationContextClassLoader() != null
                        ? camel.getApplicationContextClassLoader()
                        : DeadLetterSupport.class.getClassLoader());
    }
}
