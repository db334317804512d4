package io.edakit.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.failure.Backoff;

/**
 * The plan of a saga begun by Camel's Saga EIP: its actions run in routes, so the plan has only
 * what the routes enlisted, the compensation and completion endpoints of each step (with the
 * option values evaluated when the step began, sent as headers, as Camel's in-memory service does).
 */
final class CamelSagaPlan implements SagaPlan {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a route enlisted; stored as JSON in the STEP_ENLISTED event. */
    record Enlistment(String compensation, String completion, Map<String, String> options) {

        String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("saga step cannot be written as JSON", e);
            }
        }

        static Enlistment fromJson(String json) {
            try {
                return JSON.readValue(json, Enlistment.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("enlisted saga step in the log is not readable: " + e.getMessage(), e);
            }
        }
    }

    private final int attempts;
    private final Backoff backoff;
    private final Duration callTimeout;

    CamelSagaPlan(int attempts, Backoff backoff, Duration callTimeout) {
        this.attempts = attempts;
        this.backoff = backoff;
        this.callTimeout = callTimeout;
    }

    @Override
    public List<PlannedCall> actions() {
        return List.of();
    }

    @Override
    public List<PlannedCall> compensations(SagaProgress progress) {
        return calls(progress, Enlistment::compensation);
    }

    @Override
    public List<PlannedCall> completions(SagaProgress progress) {
        return calls(progress, Enlistment::completion);
    }

    private List<PlannedCall> calls(SagaProgress progress, Function<Enlistment, String> endpoint) {
        List<PlannedCall> calls = new ArrayList<>();
        for (String stepId : progress.startedSteps()) {
            String json = progress.step(stepId).enlistment();
            if (json == null) {
                continue;
            }
            Enlistment enlistment = Enlistment.fromJson(json);
            String uri = endpoint.apply(enlistment);
            if (uri != null) {
                calls.add(new PlannedCall(stepId, uri, enlistment.options(), callTimeout, attempts,
                        Duration.ofMillis(backoff.initialMillis())));
            }
        }
        Collections.reverse(calls);
        return calls;
    }

    @Override
    public Backoff finishBackoff() {
        return backoff;
    }
}
