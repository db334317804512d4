package io.edakit.saga;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a saga got, rebuilt from its timeline: which steps started (in the order they started),
 * which succeeded, and how often each action, compensation and completion was tried. A saga taken
 * over after a crash continues from here, so nothing of it lives only in a dead process's memory.
 *
 * <p>Compensation and completion attempts count from the last operator request, so an operator's
 * retry gets the full retry budget again.
 */
public final class SagaProgress {

    /** What the timeline says about one step. */
    public static final class Step {
        private int actionAttempts;
        private boolean actionSucceeded;
        private int compensationAttempts;
        private boolean compensated;
        private int completionAttempts;
        private boolean completed;
        private String enlistment;
        private String lastError;

        public int actionAttempts() {
            return actionAttempts;
        }

        public boolean actionSucceeded() {
            return actionSucceeded;
        }

        public int compensationAttempts() {
            return compensationAttempts;
        }

        public boolean compensated() {
            return compensated;
        }

        public int completionAttempts() {
            return completionAttempts;
        }

        public boolean completed() {
            return completed;
        }

        /** A Camel saga step's endpoints and option values, as enlisted (JSON). */
        public String enlistment() {
            return enlistment;
        }

        public String lastError() {
            return lastError;
        }
    }

    private static final Step NOT_STARTED = new Step();

    private final Map<String, Step> started = new LinkedHashMap<>();
    private SagaState phaseBeforeParking = SagaState.COMPENSATING;
    private boolean timedOut;

    private SagaProgress() {
    }

    public static SagaProgress of(List<SagaEvent> timeline) {
        SagaProgress progress = new SagaProgress();
        timeline.forEach(progress::apply);
        return progress;
    }

    private void apply(SagaEvent event) {
        switch (event.kind()) {
            case ACTION_STARTED -> step(event).actionAttempts++;
            case ACTION_SUCCEEDED -> step(event).actionSucceeded = true;
            case COMPENSATION_STARTED -> step(event).compensationAttempts++;
            case COMPENSATION_SUCCEEDED -> step(event).compensated = true;
            case COMPLETION_STARTED -> step(event).completionAttempts++;
            case COMPLETION_SUCCEEDED -> step(event).completed = true;
            case STEP_ENLISTED -> step(event).enlistment = event.detail();
            case ACTION_FAILED, COMPENSATION_FAILED, COMPLETION_FAILED -> step(event).lastError = event.detail();
            case TIMED_OUT -> timedOut = true;
            case STATE -> {
                SagaState state = SagaState.parse(event.detail());
                if (state == SagaState.COMPENSATING || state == SagaState.COMPLETING) {
                    phaseBeforeParking = state;
                }
            }
            case OPERATOR_COMPENSATE, OPERATOR_RETRY -> started.values().forEach(step -> {
                step.compensationAttempts = 0;
                step.completionAttempts = 0;
            });
            default -> {
                // STARTED, RESUMED: no step progress
            }
        }
    }

    private Step step(SagaEvent event) {
        return started.computeIfAbsent(event.stepId(), id -> new Step());
    }

    /** The step's progress; a step that never started has no attempts. */
    public Step step(String stepId) {
        return started.getOrDefault(stepId, NOT_STARTED);
    }

    /** Ids of the steps that started (their action was called, or they enlisted), first started first. */
    public List<String> startedSteps() {
        return new ArrayList<>(started.keySet());
    }

    public boolean timedOut() {
        return timedOut;
    }

    /** The phase a parked saga was in: what an operator's retry resumes. */
    public SagaState phaseBeforeParking() {
        return phaseBeforeParking;
    }
}
