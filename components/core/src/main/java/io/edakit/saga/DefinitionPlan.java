package io.edakit.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.edakit.failure.Backoff;

/**
 * The plan of an orchestrated saga: its definition's steps. A step whose action was called at
 * least once is compensated (as Camel's Saga EIP does): a call that failed or timed out may have
 * had its effect anyway, and participants see the saga and step ids to tell. A step that never
 * started is not compensated.
 */
public final class DefinitionPlan implements SagaPlan {

    private final SagaDefinition definition;

    public DefinitionPlan(SagaDefinition definition) {
        this.definition = definition;
    }

    @Override
    public List<PlannedCall> actions() {
        return definition.steps().stream()
                .map(step -> new PlannedCall(step.id(), step.action(), Map.of(), step.timeout(), 1 + step.retries(),
                        step.retryDelay()))
                .toList();
    }

    @Override
    public List<PlannedCall> compensations(SagaProgress progress) {
        List<PlannedCall> calls = new ArrayList<>();
        for (String stepId : progress.startedSteps()) {
            definition.step(stepId).filter(step -> step.compensation() != null).ifPresent(step -> calls.add(
                    new PlannedCall(step.id(), step.compensation(), Map.of(), step.timeout(),
                            definition.compensationAttempts(), Duration.ofMillis(definition.compensationBackoff().initialMillis()))));
        }
        Collections.reverse(calls);
        return calls;
    }

    @Override
    public List<PlannedCall> completions(SagaProgress progress) {
        return List.of();
    }

    @Override
    public Backoff finishBackoff() {
        return definition.compensationBackoff();
    }
}
