package io.edakit.workflow.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.edakit.workflow.asl.Catcher;
import io.edakit.workflow.asl.ChoiceRule;
import io.edakit.workflow.asl.State;
import io.edakit.workflow.asl.StateMachine;

/**
 * A state machine as a diagram: one node per state (shaped by type), an edge per transition
 * (Choice rules labelled with their index or Default, Catch edges dashed and labelled with their
 * errors), Parallel branches and Map processors as nested subgraphs. Node ids are generated
 * (n1, n2, ...) so any state name is safe; labels are escaped.
 */
public final class WorkflowGraph {

    public enum Format { MERMAID, DOT }

    private final StringBuilder out = new StringBuilder();
    private final Map<State, String> ids = new HashMap<>();
    private final Format format;
    private int counter;

    private WorkflowGraph(Format format) {
        this.format = format;
    }

    public static String render(StateMachine machine, Format format) {
        WorkflowGraph graph = new WorkflowGraph(format);
        return graph.draw(machine);
    }

    private String draw(StateMachine machine) {
        if (format == Format.MERMAID) {
            out.append("flowchart TD\n");
            String first = nodes(machine, "  ");
            out.append("  start((start)) --> ").append(first).append('\n');
        } else {
            out.append("digraph workflow {\n  node [fontname=\"Helvetica\"];\n  start [shape=circle,label=\"start\"];\n");
            String first = nodes(machine, "  ");
            out.append("  start -> ").append(first).append(";\n");
        }
        edges(machine);
        if (format == Format.DOT) {
            out.append("}\n");
        }
        return out.toString();
    }

    /** Declares the nodes of a scope (recursing into branches); returns the id of its StartAt. */
    private String nodes(StateMachine scope, String indent) {
        StringBuilder saved = new StringBuilder();
        for (State state : scope.states().values()) {
            String id = "n" + (++counter);
            ids.put(state, id);
            String label = escape(state.name()) + (format == Format.MERMAID ? "<br/><i>" : "\\n") + state.common().type()
                    + (format == Format.MERMAID ? "</i>" : "");
            if (state instanceof State.Parallel || state instanceof State.Map) {
                List<StateMachine> inner = state instanceof State.Parallel parallel ? parallel.branches()
                        : List.of(((State.Map) state).processor());
                declare(saved, indent, id, label, state);
                for (int i = 0; i < inner.size(); i++) {
                    String sub = id + "_" + i;
                    String title = state instanceof State.Map ? "each item" : "branch " + (i + 1);
                    StringBuilder body = new StringBuilder();
                    int mark = out.length();
                    String first = nodes(inner.get(i), indent + "  ");
                    body.append(out, mark, out.length());
                    out.setLength(mark);
                    if (format == Format.MERMAID) {
                        saved.append(indent).append("subgraph ").append(sub).append(" [\"").append(escape(state.name()))
                                .append(": ").append(title).append("\"]\n").append(body).append(indent).append("end\n");
                        saved.append(indent).append(id).append(" -.-> ").append(first).append('\n');
                    } else {
                        saved.append(indent).append("subgraph cluster_").append(sub).append(" {\n").append(indent)
                                .append("  label=\"").append(escape(state.name())).append(": ").append(title).append("\";\n")
                                .append(body).append(indent).append("}\n");
                        saved.append(indent).append(id).append(" -> ").append(first).append(" [style=dotted];\n");
                    }
                }
            } else {
                declare(saved, indent, id, label, state);
            }
        }
        out.append(saved);
        return ids.get(scope.states().get(scope.startAt()));
    }

    private void declare(StringBuilder to, String indent, String id, String label, State state) {
        if (format == Format.MERMAID) {
            String[] shape = switch (state.common().type()) {
                case "Choice" -> new String[] {"{", "}"};
                case "Succeed", "Fail" -> new String[] {"([", "])"};
                case "Wait" -> new String[] {"[/", "/]"};
                case "Parallel", "Map" -> new String[] {"[[", "]]"};
                default -> new String[] {"[", "]"};
            };
            to.append(indent).append(id).append(shape[0]).append('"').append(label).append('"').append(shape[1]).append('\n');
        } else {
            String shape = switch (state.common().type()) {
                case "Choice" -> "diamond";
                case "Succeed", "Fail" -> "oval";
                case "Wait" -> "parallelogram";
                case "Parallel", "Map" -> "box3d";
                default -> "box";
            };
            to.append(indent).append(id).append(" [shape=").append(shape).append(",label=\"").append(label).append("\"];\n");
        }
    }

    private void edges(StateMachine scope) {
        for (State state : scope.states().values()) {
            String from = ids.get(state);
            if (state.common().next() != null) {
                edge(from, scope, state.common().next(), null, false);
            }
            if (state.common().end() || state instanceof State.Succeed || state instanceof State.Fail) {
                end(from, state instanceof State.Fail);
            }
            if (state instanceof State.Choice choice) {
                List<ChoiceRule> rules = choice.choices();
                for (int i = 0; i < rules.size(); i++) {
                    edge(from, scope, rules.get(i).next(), "rule " + (i + 1), false);
                }
                if (choice.defaultNext() != null) {
                    edge(from, scope, choice.defaultNext(), "Default", false);
                }
            }
            for (Catcher catcher : state.common().catchers()) {
                edge(from, scope, catcher.next(), String.join(", ", catcher.errorEquals()), true);
            }
            if (state instanceof State.Parallel parallel) {
                parallel.branches().forEach(this::edges);
            } else if (state instanceof State.Map map) {
                edges(map.processor());
            }
        }
    }

    private boolean endDeclared;
    private boolean failDeclared;

    private void end(String from, boolean failed) {
        String target = failed ? "failed" : "finish";
        if (format == Format.MERMAID) {
            boolean first = failed ? !failDeclared : !endDeclared;
            out.append("  ").append(from).append(" --> ").append(target).append(first ? (failed ? "((failed))" : "((end))") : "")
                    .append('\n');
        } else {
            if (failed ? !failDeclared : !endDeclared) {
                out.append("  ").append(target).append(" [shape=doublecircle,label=\"").append(failed ? "failed" : "end").append("\"];\n");
            }
            out.append("  ").append(from).append(" -> ").append(target).append(";\n");
        }
        if (failed) {
            failDeclared = true;
        } else {
            endDeclared = true;
        }
    }

    private void edge(String from, StateMachine scope, String next, String label, boolean dashed) {
        String to = ids.get(scope.states().get(next));
        if (format == Format.MERMAID) {
            String arrow = dashed ? " -. \"" + escape(label) + "\" .-> " : label == null ? " --> " : " -- \"" + escape(label) + "\" --> ";
            out.append("  ").append(from).append(arrow).append(to).append('\n');
        } else {
            out.append("  ").append(from).append(" -> ").append(to);
            if (label != null || dashed) {
                out.append(" [").append(label == null ? "" : "label=\"" + escape(label) + "\"").append(dashed ? ",style=dashed" : "")
                        .append(']');
            }
            out.append(";\n");
        }
    }

    private String escape(String text) {
        return format == Format.MERMAID ? text.replace("\"", "#quot;") : text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
