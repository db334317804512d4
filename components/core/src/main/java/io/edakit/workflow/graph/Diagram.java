package io.edakit.workflow.graph;

import java.util.List;

/**
 * A state machine laid out for drawing: boxes with their place and size, and lines with their
 * points, in pixels from the top left, {@code width} by {@code height} in all. Made by
 * {@link DiagramLayout}, drawn by {@link SvgDiagram}; nothing in it is about how it is drawn.
 *
 * <p>Boxes are keyed by the state's place in the machine: {@code Name} at the top level,
 * {@code Fanout[1]/Name} in branch 1 of the Parallel state Fanout, {@code Each[*]/Name} in the
 * item processor of the Map state Each (every iteration is the same box); the start and the two
 * ends are {@link #START}, {@link #END} and {@link #FAILED}. A Parallel or Map state is one box that
 * holds a {@link Kind#FRAME} per branch, the branch's boxes inside it.
 */
public record Diagram(double width, double height, List<Box> boxes, List<Line> lines) {

    public static final String START = "(start)";
    public static final String END = "(end)";
    public static final String FAILED = "(failed)";

    public Diagram {
        boxes = List.copyOf(boxes);
        lines = List.copyOf(lines);
    }

    public enum Kind { STATE, GROUP, FRAME, TERMINAL }

    /**
     * @param label the state's name (a frame's title, a terminal's word)
     * @param type  the state's ASL type, or "" for frames and terminals
     * @param kind  {@link Kind#GROUP} for a Parallel or Map state, whose frames lie inside it
     */
    public record Box(String key, String label, String type, Kind kind, double x, double y, double width, double height) {

        Box moved(double dx, double dy) {
            return new Box(key, label, type, kind, x + dx, y + dy, width, height);
        }
    }

    /**
     * A transition: from a state to the next ({@code label} null), a Choice rule ("rule 1", "Default")
     * or a Catch ({@code caught}, labelled with its errors). The first point is on {@code from}'s
     * box, the last on {@code to}'s.
     */
    public record Line(String from, String to, String label, boolean caught, List<Point> points) {

        public Line {
            points = List.copyOf(points);
        }

        Line moved(double dx, double dy) {
            return new Line(from, to, label, caught, points.stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList());
        }
    }

    public record Point(double x, double y) {
    }
}
