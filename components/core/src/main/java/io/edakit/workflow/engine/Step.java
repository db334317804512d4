package io.edakit.workflow.engine;

import java.util.List;

/**
 * The result of one transition of an execution: the commands for the driver, in order, and what
 * happened. A step runs every state it can without waiting (Pass, Choice, Succeed, Fail, input and
 * output processing), so it ends only where something outside must happen: a call, a timer.
 */
public record Step(List<Command> commands, List<HistoryEntry> history) {

    public Step {
        commands = List.copyOf(commands);
        history = List.copyOf(history);
    }
}
