package io.edakit.workflow.asl;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A state of a state machine: the common fields plus what its type adds. */
public sealed interface State {

    StateCommon common();

    default String name() {
        return common().name();
    }

    /**
     * Task: calls {@code resource}. {@code timeoutSeconds} null means none (AWS's default is 99999999);
     * {@code heartbeatSeconds} (or its path) null means no heartbeat is expected. A resource ending in
     * {@value #CALLBACK_SUFFIX} is a callback task: the request is sent one way with a task token and
     * the state waits for an answer sent with that token.
     */
    record Task(StateCommon common, String resource, JsonNode timeoutSeconds, String timeoutSecondsPath,
                JsonNode heartbeatSeconds, String heartbeatSecondsPath) implements State {

        public static final String CALLBACK_SUFFIX = ".waitForTaskToken";

        /** Whether the state waits for a callback with its task token rather than for the reply. */
        public boolean callback() {
            return resource != null && resource.endsWith(CALLBACK_SUFFIX);
        }

        /** The resource without the callback suffix: where the request goes. */
        public String endpoint() {
            return endpointOf(resource);
        }

        /** {@code resource} without the callback suffix, if it has it. */
        public static String endpointOf(String resource) {
            return resource.endsWith(CALLBACK_SUFFIX) ? resource.substring(0, resource.length() - CALLBACK_SUFFIX.length())
                    : resource;
        }
    }

    /** Pass: passes its input, or {@code result} when given, to its output. */
    record Pass(StateCommon common, JsonNode result) implements State {
    }

    /** Choice: the first matching rule names the next state, else {@code defaultNext} (null: States.NoChoiceMatched). */
    record Choice(StateCommon common, List<ChoiceRule> choices, String defaultNext) implements State {
        public Choice {
            choices = List.copyOf(choices);
        }
    }

    /** Wait: for seconds or until a timestamp; exactly one of the four is set (JSONata: seconds or timestamp). */
    record Wait(StateCommon common, JsonNode seconds, JsonNode timestamp, String secondsPath, String timestampPath)
            implements State {
    }

    /** Succeed: ends its scope successfully. */
    record Succeed(StateCommon common) implements State {
    }

    /** Fail: ends the execution with an error; each of the four may be null. */
    record Fail(StateCommon common, JsonNode error, JsonNode cause, String errorPath, String causePath) implements State {
    }

    /** Parallel: runs every branch on the same input; the output is the array of branch outputs. */
    record Parallel(StateCommon common, List<StateMachine> branches) implements State {
        public Parallel {
            branches = List.copyOf(branches);
        }
    }

    /**
     * Map (inline): runs {@code processor} for every item. {@code maxConcurrency} 0 means no limit of the
     * definition's own; tolerated failures null means none tolerated.
     */
    record Map(StateCommon common, String itemsPath, JsonNode items, JsonNode itemSelector, StateMachine processor,
               int maxConcurrency, Double toleratedFailurePercentage, Integer toleratedFailureCount) implements State {
    }
}
