package io.edakit.workflow.graph;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.edakit.workflow.asl.State;
import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowRunner;
import io.edakit.workflow.durable.WorkflowStatus;
import io.edakit.workflow.durable.WorkflowStore;
import io.edakit.workflow.engine.HistoryEntry;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Step;

/**
 * Where one execution went, in the keys of its {@link Diagram}: the states it entered (how often),
 * the transitions it took ({@code from} and {@code to} keys), where it is now (a running execution's
 * states entered and not yet left: more than one inside a Parallel or Map), and the states that
 * failed without a Catch of their own taking it.
 *
 * <p>Worked out by replaying the recorded history on the definition, as a take-over does (the
 * interpreter is deterministic), so it needs no record of its own; it costs one read of the
 * history and one replay, in memory. A definition that changed since the execution ran can give a
 * path that does not fit it: that is what replay gives, and the history stays the record.
 *
 * @param transitions each as {@code from + "\n" + to}
 */
public record ExecutionPath(Map<String, Integer> visited, Set<String> transitions, Set<String> current, Set<String> failed) {

    public ExecutionPath {
        visited = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(visited));
        transitions = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(transitions));
        current = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(current));
        failed = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(failed));
    }

    public static String transition(String from, String to) {
        return from + "\n" + to;
    }

    /** Replays {@code record}'s history from {@code store} on {@code machine}. */
    public static ExecutionPath of(StateMachine machine, WorkflowRecord record, WorkflowStore store) {
        Tracker tracker = new Tracker(machine);
        WorkflowRunner.rebuild(new Interpreter(machine), record, store, tracker::step);
        return tracker.path(record.status());
    }

    /** Follows the history entries of the steps, run by run. */
    private static final class Tracker {

        private final StateMachine machine;
        private final Map<String, Integer> visited = new LinkedHashMap<>();
        private final Set<String> transitions = new LinkedHashSet<>();
        private final Set<String> failed = new LinkedHashSet<>();
        /** Per run: the key of the state it is at (or last was at) and whether it is inside it. */
        private final Map<String, String> at = new HashMap<>();
        private final Set<String> inside = new LinkedHashSet<>();
        private final Map<String, String> runPrefix = new HashMap<>();

        Tracker(StateMachine machine) {
            this.machine = machine;
        }

        void step(Step step) {
            for (HistoryEntry entry : step.history()) {
                String key = prefix(entry.run()) + entry.state();
                if (entry instanceof HistoryEntry.StateEntered) {
                    String before = at.get(entry.run());
                    if (before != null) {
                        transitions.add(transition(before, key));
                    } else if (entry.run().isEmpty()) {
                        transitions.add(transition(Diagram.START, key));
                        visited.put(Diagram.START, 1);
                    }
                    at.put(entry.run(), key);
                    inside.add(entry.run());
                    visited.merge(key, 1, Integer::sum);
                } else if (entry instanceof HistoryEntry.StateExited) {
                    inside.remove(entry.run());
                } else if (entry instanceof HistoryEntry.StateAborted) {
                    inside.remove(entry.run()); // stopped with its Parallel or Map: no longer where the execution is
                } else if (entry instanceof HistoryEntry.StateFailed fail) {
                    inside.remove(entry.run());
                    if (fail.caughtBy() == null) {
                        failed.add(key);
                    }
                }
            }
        }

        ExecutionPath path(WorkflowStatus status) {
            Set<String> current = new LinkedHashSet<>();
            if (!status.ended() || status == WorkflowStatus.ABORTED) { // a stopped one: where it was stopped
                inside.forEach(run -> current.add(at.get(run)));
            }
            String last = at.get("");
            if (last != null) {
                State state = machine.states().get(last);
                if (status == WorkflowStatus.SUCCEEDED) {
                    transitions.add(transition(last, Diagram.END));
                    visited.put(Diagram.END, 1);
                } else if (state instanceof State.Fail) {
                    transitions.add(transition(last, Diagram.FAILED));
                    visited.put(Diagram.FAILED, 1);
                }
            }
            return new ExecutionPath(visited, transitions, current, failed);
        }

        /**
         * "" for the top level; for a run "/Fanout[1]/Each[42]" the diagram's prefix
         * "Fanout[1]/Each[*]/": a branch keeps its index, every iteration of a Map is the one processor.
         */
        private String prefix(String run) {
            if (run.isEmpty()) {
                return "";
            }
            return runPrefix.computeIfAbsent(run, r -> {
                StringBuilder prefix = new StringBuilder();
                StateMachine scope = machine;
                String rest = r;
                while (rest.startsWith("/")) { // "/Name[i]..." with names that may hold '/' or '[' themselves
                    String tail = rest.substring(1);
                    State state = scope.states().values().stream()
                            .filter(s -> tail.startsWith(s.common().name() + "[")).findFirst().orElse(null);
                    int close = state == null ? -1 : tail.indexOf(']', state.common().name().length());
                    if (close < 0) {
                        break; // the definition changed since: the rest cannot be placed
                    }
                    String name = state.common().name();
                    int index = Integer.parseInt(tail.substring(name.length() + 1, close));
                    if (state instanceof State.Parallel parallel && index < parallel.branches().size()) {
                        prefix.append(name).append('[').append(index).append("]/");
                        scope = parallel.branches().get(index);
                    } else if (state instanceof State.Map map) {
                        prefix.append(name).append("[*]/");
                        scope = map.processor();
                    } else {
                        break;
                    }
                    rest = tail.substring(close + 1);
                }
                return prefix.toString();
            });
        }
    }
}
