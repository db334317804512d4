package io.edakit.workflow.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.workflow.asl.Catcher;
import io.edakit.workflow.asl.ChoiceRule;
import io.edakit.workflow.asl.State;
import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.graph.Diagram.Box;
import io.edakit.workflow.graph.Diagram.Kind;
import io.edakit.workflow.graph.Diagram.Line;
import io.edakit.workflow.graph.Diagram.Point;

/**
 * Lays a state machine out as a {@link Diagram}: a box per state, a line per transition (Next,
 * each Choice rule and the Default, each Catch), the start and the two ends at the top level; a
 * Parallel or Map state is a box holding its branches (or its item processor) side by side, each
 * laid out the same way inside. Sizes are estimated from the text (about 7 px a character at the
 * 12 px the drawing uses), so no font is needed on the server.
 */
public final class DiagramLayout {

    static final double PAD = 12;
    static final double HEADER = 38;
    static final double FRAME_TITLE = 20;
    private static final double BOX_HEIGHT = 40;
    private static final double CHAR = 7;
    private static final double MIN_WIDTH = 96;
    private static final double TERMINAL = 30;

    private DiagramLayout() {
    }

    public static Diagram layout(StateMachine machine) {
        return scope(machine, "", true);
    }

    /** One scope's diagram, its top left at 0,0; {@code prefix} goes before its keys ("Fanout[1]/"). */
    private static Diagram scope(StateMachine machine, String prefix, boolean top) {
        List<String> keys = new ArrayList<>();
        List<Diagram> inner = new ArrayList<>(); // a group's content, laid out already; null for a plain box
        List<Box> shapes = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(machine.states().keySet());
        order.remove(machine.startAt());
        order.add(0, machine.startAt()); // the entry is node 0: where the cycle search starts
        if (top) {
            order.add(0, Diagram.START);
        }
        boolean ends = false;
        boolean fails = false;
        for (String name : order) {
            State state = machine.states().get(name);
            if (state != null) {
                ends |= state instanceof State.Succeed || (state.common().end() && !(state instanceof State.Fail));
                fails |= state instanceof State.Fail;
            }
        }
        if (top && ends) {
            order.add(Diagram.END);
        }
        if (top && fails) {
            order.add(Diagram.FAILED);
        }
        for (String name : order) {
            index.put(name, keys.size());
            State state = machine.states().get(name);
            String key = state == null ? name : prefix + name;
            keys.add(key);
            if (state == null) {
                inner.add(null);
                shapes.add(new Box(key, name.substring(1, name.length() - 1), "", Kind.TERMINAL, 0, 0, TERMINAL, TERMINAL));
            } else if (state instanceof State.Parallel || state instanceof State.Map) {
                Diagram group = group(state, prefix);
                inner.add(group);
                shapes.add(new Box(key, name, state.common().type(), Kind.GROUP, 0, 0, group.width(), group.height()));
            } else {
                inner.add(null);
                double width = Math.max(MIN_WIDTH, Math.max(name.length(), state.common().type().length()) * CHAR + 2 * PAD);
                shapes.add(new Box(key, name, state.common().type(), Kind.STATE, 0, 0, width, BOX_HEIGHT));
            }
        }
        List<Transition> transitions = transitions(machine, top);
        List<LayeredLayout.Edge> edges = transitions.stream()
                .map(t -> new LayeredLayout.Edge(index.get(t.from()), index.get(t.to()))).toList();
        double[] widths = shapes.stream().mapToDouble(Box::width).toArray();
        double[] heights = shapes.stream().mapToDouble(Box::height).toArray();
        LayeredLayout.Result placed = LayeredLayout.layout(widths, heights, edges);
        List<Box> boxes = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            Box shape = shapes.get(i);
            double left = placed.x()[i] - shape.width() / 2;
            double upper = placed.y()[i] - shape.height() / 2;
            boxes.add(shape.moved(left, upper));
            if (inner.get(i) != null) {
                inner.get(i).boxes().forEach(box -> boxes.add(box.moved(left, upper)));
                inner.get(i).lines().forEach(line -> lines.add(line.moved(left, upper)));
            }
        }
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            lines.add(new Line(keys.get(index.get(t.from())), keys.get(index.get(t.to())), t.label(), t.caught(),
                    placed.routes().get(i)));
        }
        return new Diagram(placed.width(), placed.height(), boxes, lines);
    }

    /** A Parallel's branches (a Map's processor) side by side in frames under a header, as one diagram. */
    private static Diagram group(State state, String prefix) {
        String name = state.common().name();
        List<StateMachine> branches = state instanceof State.Parallel parallel ? parallel.branches()
                : List.of(((State.Map) state).processor());
        List<Box> boxes = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        double left = PAD;
        double tallest = 0;
        List<Diagram> laid = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            String frame = prefix + name + "[" + (state instanceof State.Map ? "*" : String.valueOf(i)) + "]/";
            laid.add(scope(branches.get(i), frame, false));
            tallest = Math.max(tallest, laid.get(i).height());
        }
        for (int i = 0; i < laid.size(); i++) {
            Diagram branch = laid.get(i);
            String title = state instanceof State.Map ? "each item" : "branch " + (i + 1);
            double width = Math.max(branch.width(), title.length() * CHAR) + 2 * PAD;
            double frameTop = HEADER;
            boxes.add(new Box(prefix + name + "[" + (state instanceof State.Map ? "*" : String.valueOf(i)) + "]", title, "",
                    Kind.FRAME, left, frameTop, width, tallest + FRAME_TITLE + 2 * PAD));
            double dx = left + (width - branch.width()) / 2;
            double dy = frameTop + FRAME_TITLE + PAD;
            branch.boxes().forEach(box -> boxes.add(box.moved(dx, dy)));
            branch.lines().forEach(line -> lines.add(line.moved(dx, dy)));
            left += width + PAD;
        }
        double width = Math.max(left, Math.max(name.length(), state.common().type().length()) * CHAR + 2 * PAD);
        return new Diagram(width, HEADER + tallest + FRAME_TITLE + 3 * PAD, boxes, lines);
    }

    private record Transition(String from, String to, String label, boolean caught) {
    }

    /** A scope's transitions by state name; several to the same next state (two rules, say) are one, labels joined. */
    private static List<Transition> transitions(StateMachine machine, boolean top) {
        Map<String, Transition> all = new LinkedHashMap<>();
        if (top) {
            add(all, new Transition(Diagram.START, machine.startAt(), null, false));
        }
        for (State state : machine.states().values()) {
            String from = state.common().name();
            if (state.common().next() != null) {
                add(all, new Transition(from, state.common().next(), null, false));
            }
            if (state instanceof State.Choice choice) {
                List<ChoiceRule> rules = choice.choices();
                for (int i = 0; i < rules.size(); i++) {
                    add(all, new Transition(from, rules.get(i).next(), "rule " + (i + 1), false));
                }
                if (choice.defaultNext() != null) {
                    add(all, new Transition(from, choice.defaultNext(), "Default", false));
                }
            }
            for (Catcher catcher : state.common().catchers()) {
                add(all, new Transition(from, catcher.next(), String.join(", ", catcher.errorEquals()), true));
            }
            if (top && state instanceof State.Fail) {
                add(all, new Transition(from, Diagram.FAILED, null, false));
            } else if (top && (state instanceof State.Succeed || state.common().end())) {
                add(all, new Transition(from, Diagram.END, null, false));
            }
        }
        return new ArrayList<>(all.values());
    }

    private static void add(Map<String, Transition> all, Transition transition) {
        String key = transition.from() + "\n" + transition.to() + "\n" + transition.caught();
        Transition known = all.get(key);
        if (known == null) {
            all.put(key, transition);
        } else if (transition.label() != null) {
            all.put(key, new Transition(known.from(), known.to(),
                    known.label() == null ? transition.label() : known.label() + "; " + transition.label(), known.caught()));
        }
    }

    /** The points' middle, where a line's label goes. */
    static Point middle(List<Point> points) {
        if (points.size() % 2 == 1) {
            return points.get(points.size() / 2);
        }
        Point a = points.get(points.size() / 2 - 1);
        Point b = points.get(points.size() / 2);
        return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }
}
