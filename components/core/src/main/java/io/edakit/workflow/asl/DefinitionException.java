package io.edakit.workflow.asl;

import java.util.List;

/** A definition that cannot run: every problem found, not just the first. */
public final class DefinitionException extends RuntimeException {

    private final transient List<Problem> problems;

    public DefinitionException(List<Problem> problems) {
        super(problems.size() == 1 ? problems.get(0).toString()
                : problems.size() + " problems, first: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
