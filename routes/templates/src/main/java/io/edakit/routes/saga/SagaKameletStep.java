package io.edakit.routes.saga;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.routes.templates.KameletStep;
import io.edakit.routes.templates.Parameters;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/**
 * The saga Kamelet's step: each message starts a saga, as the saga template's instance starts one
 * (the same definition checks, engine, log and outcome events). The envelope is completed and
 * checked first; the step returns once the saga is in the log, so the source acknowledges the
 * message only then, and a start delivered twice (the same saga id) starts one saga. A message that
 * cannot start a saga (no saga id, an id another saga has, a broken envelope) fails with a
 * {@link io.edakit.failure.PoisonMessageException}: the route's or Pipe's error handler decides.
 */
public final class SagaKameletStep extends KameletStep {

    /** The Kamelet's name, which begins the message of a value that cannot work. */
    public static final String KAMELET = "edakit-saga-sink";

    /** The Kamelet's parameters: the template's, less where starts come from and where bad ones go. */
    /** The template's {@code timeout}, which is also the {@code kamelet:} endpoint's own option. */
    static final Param<Duration> SAGA_TIMEOUT = SagaTemplate.TIMEOUT.renamed("saga-timeout");

    public static final List<Param<?>> PARAMETERS = List.of(SagaTemplate.SAGA, SagaTemplate.SAGA_ID,
            SagaTemplate.DEFINITION, SagaTemplate.STEPS, SAGA_TIMEOUT, SagaTemplate.STEP_TIMEOUT,
            SagaTemplate.STEP_RETRIES, SagaTemplate.STEP_RETRY_DELAY, SagaTemplate.COMPENSATION_ATTEMPTS,
            SagaTemplate.COMPENSATION_INITIAL_DELAY, SagaTemplate.COMPENSATION_MAX_DELAY, SagaTemplate.OUTCOME_CHANNEL,
            Parameters.KEEP_HEADERS);

    public SagaKameletStep() {
        super(KAMELET);
    }

    @Override
    protected Processor create(CamelContext context, Function<String, String> values) {
        SAGA_TIMEOUT.value(values); // a value that cannot work is refused under the name the Kamelet gives it
        Function<String, String> asTemplate = key -> values.apply(
                key.equals(SagaTemplate.TIMEOUT.key()) ? SAGA_TIMEOUT.key() : key);
        return inOrder(SagaTemplate.STARTS.preparation(asTemplate), SagaTemplate.starter(context, asTemplate, owner()));
    }
}
