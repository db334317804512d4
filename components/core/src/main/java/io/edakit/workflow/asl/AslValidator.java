package io.edakit.workflow.asl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks across states: names unique in the whole machine, StartAt and every Next, Default and
 * Catch target inside the state's own scope (a branch cannot jump out), every state reachable, and
 * States.ALL only in the last retrier and catcher.
 */
public final class AslValidator {

    private AslValidator() {
    }

    public static List<Problem> validate(StateMachine machine) {
        List<Problem> problems = new ArrayList<>();
        scope(machine, problems, new HashMap<>());
        return problems;
    }

    private static void scope(StateMachine machine, List<Problem> problems, Map<String, String> seen) {
        String file = machine.file();
        if (machine.startAt() != null && !machine.states().containsKey(machine.startAt())) {
            problems.add(new Problem(file, null, machine.pointer() + "/StartAt",
                    "StartAt names a missing state '" + machine.startAt() + "'" + inScope(machine)));
        }
        for (State state : machine.states().values()) {
            StateCommon c = state.common();
            String earlier = seen.putIfAbsent(state.name(), c.pointer());
            if (earlier != null) {
                problems.add(new Problem(file, state.name(), c.pointer(), "state names are unique in a state machine; also at " + earlier));
            }
            for (Map.Entry<String, String> target : targets(state).entrySet()) {
                if (!machine.states().containsKey(target.getValue())) {
                    problems.add(new Problem(file, state.name(), c.pointer() + target.getKey(),
                            "names a missing state '" + target.getValue() + "'" + inScope(machine)));
                }
            }
            allLast(file, state, c.retry().stream().map(Retrier::errorEquals).toList(), "/Retry", problems);
            allLast(file, state, c.catchers().stream().map(Catcher::errorEquals).toList(), "/Catch", problems);
            if (state instanceof State.Parallel parallel) {
                parallel.branches().forEach(branch -> scope(branch, problems, seen));
            } else if (state instanceof State.Map map && map.processor() != null) {
                scope(map.processor(), problems, seen);
            }
        }
        unreachable(machine, problems);
    }

    private static String inScope(StateMachine machine) {
        return machine.pointer().isEmpty() ? "" : " (a branch or ItemProcessor only reaches its own states)";
    }

    private static void allLast(String file, State state, List<List<String>> lists, String field, List<Problem> problems) {
        for (int i = 0; i < lists.size() - 1; i++) {
            if (lists.get(i).contains("States.ALL")) {
                problems.add(new Problem(file, state.name(), state.common().pointer() + field + "/" + i + "/ErrorEquals",
                        "States.ALL must be in the last entry of " + field.substring(1)));
            }
        }
    }

    /** Where the state may go next: JSON pointer suffix of the field -> state name. */
    static Map<String, String> targets(State state) {
        Map<String, String> targets = new java.util.LinkedHashMap<>();
        if (state.common().next() != null) {
            targets.put("/Next", state.common().next());
        }
        if (state instanceof State.Choice choice) {
            for (int i = 0; i < choice.choices().size(); i++) {
                if (choice.choices().get(i).next() != null) {
                    targets.put("/Choices/" + i + "/Next", choice.choices().get(i).next());
                }
            }
            if (choice.defaultNext() != null) {
                targets.put("/Default", choice.defaultNext());
            }
        }
        List<Catcher> catchers = state.common().catchers();
        for (int i = 0; i < catchers.size(); i++) {
            if (catchers.get(i).next() != null) {
                targets.put("/Catch/" + i + "/Next", catchers.get(i).next());
            }
        }
        return targets;
    }

    private static void unreachable(StateMachine machine, List<Problem> problems) {
        if (machine.startAt() == null || !machine.states().containsKey(machine.startAt())) {
            return;
        }
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(machine.startAt()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            State state = machine.states().get(name);
            if (state != null && reached.add(name)) {
                todo.addAll(targets(state).values());
            }
        }
        for (State state : machine.states().values()) {
            if (!reached.contains(state.name())) {
                problems.add(new Problem(machine.file(), state.name(), state.common().pointer(),
                        "unreachable: no path from StartAt '" + machine.startAt() + "' leads here"));
            }
        }
    }
}
