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
 * <p>Retry limits count failed calls only: a call a crash interrupted is made again without using
 * up a retry. Compensation and completion calls count from the last operator request, so an
 * operator's retry gets the full budget again.
 */
public final class SagaProgress {

    /** The calls of one step in one phase (action, compensation or completion). */
    public static final class Tries {
        private int started;
        private int failed;
        private boolean succeeded;

        /** Calls begun, including one a crash interrupted (which has no outcome). */
        public int started() {
            return started;
        }

        /** Calls that answered with a failure: what a retry limit counts. */
        public int failed() {
            return failed;
        }

        public boolean succeeded() {
            return succeeded;
        }

        private void reset() {
            started = 0;
            failed = 0;
        }
    }

    /** What the timeline says about one step. */
    public static final class Step {
        private final Tries action = new Tries();
        private final Tries compensation = new Tries();
        private final Tries completion = new Tries();
        private String enlistment;
        private String lastError;

        public Tries action() {
            return action;
        }

        public Tries compensation() {
            return compensation;
        }

        public Tries completion() {
            return completion;
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
            case ACTION_STARTED -> step(event).action.started++;
            case ACTION_SUCCEEDED -> step(event).action.succeeded = true;
            case ACTION_FAILED -> failed(step(event), step(event).action, event);
            case COMPENSATION_STARTED -> step(event).compensation.started++;
            case COMPENSATION_SUCCEEDED -> step(event).compensation.succeeded = true;
            case COMPENSATION_FAILED -> failed(step(event), step(event).compensation, event);
            case COMPLETION_STARTED -> step(event).completion.started++;
            case COMPLETION_SUCCEEDED -> step(event).completion.succeeded = true;
            case COMPLETION_FAILED -> failed(step(event), step(event).completion, event);
            case STEP_ENLISTED -> step(event).enlistment = event.detail();
            case TIMED_OUT -> timedOut = true;
            case STATE -> {
                SagaState state = SagaState.parse(event.detail());
                if (state == SagaState.COMPENSATING || state == SagaState.COMPLETING) {
                    phaseBeforeParking = state;
                }
            }
            case OPERATOR_COMPENSATE, OPERATOR_RETRY -> {
                if (event.kind() == SagaEvent.Kind.OPERATOR_COMPENSATE) {
                    phaseBeforeParking = SagaState.COMPENSATING; // parked again, a retry compensates
                }
                started.values().forEach(step -> {
                    step.compensation.reset();
                    step.completion.reset();
                });
            }
            default -> {
                // STARTED, RESUMED: no step progress
            }
        }
    }

    private static void failed(Step step, Tries tries, SagaEvent event) {
        tries.failed++;
        step.lastError = event.detail();
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
