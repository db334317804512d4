package io.edakit.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.edakit.saga.SagaEvent.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one saga forward from where its log says it is, until it ends or this instance loses it.
 * Every call is preceded by a STARTED event and followed by a SUCCEEDED or FAILED event, each
 * written only while this instance holds the saga's claim: after a crash the next owner sees a
 * started call without an outcome and makes it again (same saga and step ids), and a paused
 * instance that lost its claim stops at its next write.
 *
 * <p>A SUCCEEDED event is written in one transaction with the next write (the next call's STARTED,
 * or the end), which follows at once: a crash in between is a crash before the SUCCEEDED, the call
 * is made again. That saves a commit per step. A FAILED event is written at once, since a pause follows.
 */
final class SagaRun {

    private static final Logger LOG = LoggerFactory.getLogger(SagaRun.class);

    private final SagaLog log;
    private final SagaCalls caller;
    private final SagaPlan plan;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final SagaRecord saga;
    private final Stopping stopping;
    /** Events to write with the next write (a success, see above). */
    private final List<SagaEvent> unwritten = new ArrayList<>();

    /** Whether the run should give up between calls (the application is stopping). */
    @FunctionalInterface
    interface Stopping {
        boolean now();
    }

    SagaRun(SagaLog log, SagaCalls caller, SagaPlan plan, String owner, Duration lease, Clock clock, SagaRecord saga,
            Stopping stopping) {
        this.log = log;
        this.caller = caller;
        this.plan = plan;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
        this.saga = saga;
        this.stopping = stopping;
    }

    /** Runs to an end state and answers it; empty when the saga was lost or the run interrupted. */
    Optional<SagaState> run() {
        SagaState state = saga.state();
        try {
            while (state != null && state.active()) {
                SagaProgress progress = SagaProgress.of(log.timeline(saga.id()));
                state = switch (state) {
                    case RUNNING -> forward(progress);
                    case COMPENSATING -> finish(plan.compensations(progress), progress, Phase.COMPENSATION,
                            SagaState.COMPENSATED);
                    case COMPLETING -> finish(plan.completions(progress), progress, Phase.COMPLETION, SagaState.COMPLETED);
                    default -> state;
                };
            }
        } catch (Interrupted e) {
            log.append(saga.id(), owner, takeUnwritten(), leaseEnd()); // what succeeded need not be made again
            return Optional.empty();
        }
        return Optional.ofNullable(state);
    }

    /** Calls each action not yet succeeded; answers the next state (null: lost the saga). */
    private SagaState forward(SagaProgress progress) {
        List<PlannedCall> actions = plan.actions();
        if (actions.isEmpty()) {
            // the actions ran in a route of a process that died before the saga ended: undo what began
            return moveTo(SagaState.COMPENSATING);
        }
        for (PlannedCall action : actions) {
            SagaProgress.Tries tries = progress.step(action.stepId()).action();
            if (tries.succeeded()) {
                continue;
            }
            for (int attempt = tries.started() + 1, failed = tries.failed(); ; attempt++, failed++) {
                if (failed >= action.attempts()) {
                    LOG.warn("saga {} ({}): step {} failed {} times; compensating", saga.id(), saga.definition(),
                            action.stepId(), action.attempts());
                    return moveTo(SagaState.COMPENSATING);
                }
                Duration left = Duration.between(clock.instant(), saga.deadline());
                if (left.isNegative() || left.isZero()) {
                    return timedOut();
                }
                if (failed > 0) {
                    pause(min(action.retryDelay(), left));
                }
                Optional<Boolean> succeeded = attempt(action, Phase.ACTION, attempt, min(action.timeout(), left));
                if (succeeded.isEmpty()) {
                    return null;
                }
                if (succeeded.get()) {
                    break;
                }
            }
        }
        return moveTo(SagaState.COMPLETED);
    }

    private SagaState timedOut() {
        LOG.warn("saga {} ({}) timed out; compensating", saga.id(), saga.definition());
        unwritten.add(SagaEvent.of(Kind.TIMED_OUT, clock.instant()));
        return moveTo(SagaState.COMPENSATING);
    }

    /**
     * Calls every compensation (or completion) not yet done, each until it succeeds or its attempts
     * run out, which parks the saga for an operator.
     */
    private SagaState finish(List<PlannedCall> calls, SagaProgress progress, Phase phase, SagaState end) {
        for (PlannedCall call : calls) {
            SagaProgress.Tries tries = phase.tries(progress.step(call.stepId()));
            if (tries.succeeded()) {
                continue;
            }
            for (int attempt = tries.started() + 1, failed = tries.failed(); ; attempt++, failed++) {
                if (failed >= call.attempts()) {
                    LOG.error("saga {} ({}): the {} of step {} failed {} times; the saga needs attention", saga.id(),
                            saga.definition(), phase.label, call.stepId(), call.attempts());
                    return moveTo(SagaState.NEEDS_ATTENTION);
                }
                if (failed > 0) {
                    pause(Duration.ofMillis(plan.finishBackoff().delayMillis(failed)));
                }
                Optional<Boolean> succeeded = attempt(call, phase, attempt, call.timeout());
                if (succeeded.isEmpty()) {
                    return null;
                }
                if (succeeded.get()) {
                    break;
                }
            }
        }
        return moveTo(end);
    }

    /** One call with its two log entries; empty when the saga was lost (a write refused). */
    private Optional<Boolean> attempt(PlannedCall call, Phase phase, int attempt, Duration timeout) {
        if (stopping.now()) {
            throw new Interrupted();
        }
        List<SagaEvent> write = takeUnwritten();
        write.add(SagaEvent.step(phase.started, call.stepId(), attempt, clock.instant(), null));
        if (!log.append(saga.id(), owner, write, leaseEnd())) {
            return Optional.empty();
        }
        Optional<String> failure = caller.call(saga, call, phase.label, attempt, timeout);
        if (failure.isPresent() && stopping.now()) {
            // cut short by the stop, its outcome unknown: left without one, it is made again by
            // the next owner and uses up no retry
            throw new Interrupted();
        }
        if (failure.isPresent()) {
            LOG.info("saga {} ({}): {} of step {} failed (attempt {}): {}", saga.id(), saga.definition(), phase.label,
                    call.stepId(), attempt, failure.get());
        }
        if (failure.isEmpty()) {
            unwritten.add(SagaEvent.step(phase.succeeded, call.stepId(), attempt, clock.instant(), null));
            return Optional.of(true);
        }
        if (!log.append(saga.id(), owner, SagaEvent.step(phase.failed, call.stepId(), attempt, clock.instant(),
                failure.get()), leaseEnd())) {
            return Optional.empty();
        }
        return Optional.of(false);
    }

    private SagaState moveTo(SagaState state) {
        return log.transition(saga.id(), owner, takeUnwritten(), state, clock.instant(), leaseEnd()) ? state : null;
    }

    private List<SagaEvent> takeUnwritten() {
        List<SagaEvent> events = new ArrayList<>(unwritten);
        unwritten.clear();
        return events;
    }

    private Instant leaseEnd() {
        return clock.instant().plus(lease);
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The run stops between calls because the application stops; the lease is let go by the engine. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    private enum Phase {
        ACTION("action", Kind.ACTION_STARTED, Kind.ACTION_SUCCEEDED, Kind.ACTION_FAILED),
        COMPENSATION("compensation", Kind.COMPENSATION_STARTED, Kind.COMPENSATION_SUCCEEDED, Kind.COMPENSATION_FAILED),
        COMPLETION("completion", Kind.COMPLETION_STARTED, Kind.COMPLETION_SUCCEEDED, Kind.COMPLETION_FAILED);

        final String label;
        final Kind started;
        final Kind succeeded;
        final Kind failed;

        Phase(String label, Kind started, Kind succeeded, Kind failed) {
            this.label = label;
            this.started = started;
            this.succeeded = succeeded;
            this.failed = failed;
        }

        SagaProgress.Tries tries(SagaProgress.Step step) {
            return switch (this) {
                case ACTION -> step.action();
                case COMPENSATION -> step.compensation();
                case COMPLETION -> step.completion();
            };
        }
    }
}
