package io.edakit.workflow.graph;

import java.util.Locale;
import java.util.Optional;

import io.edakit.workflow.graph.Diagram.Box;
import io.edakit.workflow.graph.Diagram.Line;
import io.edakit.workflow.graph.Diagram.Point;

/**
 * Draws a {@link Diagram} as SVG, optionally with an {@link ExecutionPath} on it. Everything is
 * told apart by class ({@code node}, its ASL type in lower case, {@code visited}, {@code current},
 * {@code failed}; {@code edge}, {@code caught}, {@code taken}) and each box carries its key in
 * {@code data-state}, so a page styles it and finds it; {@code standalone} adds a style sheet of
 * its own (for a file: the console's page allows no inline style and brings its own). Text is
 * XML-escaped, so a state may be called anything.
 */
public final class SvgDiagram {

    private static final double MARGIN = 8;

    private SvgDiagram() {
    }

    public static String render(Diagram diagram, Optional<ExecutionPath> path, boolean standalone) {
        StringBuilder out = new StringBuilder();
        double width = diagram.width() + 2 * MARGIN + 30; // room for a loop on the right-most box
        double height = diagram.height() + 2 * MARGIN + 14; // the word under an end circle
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"workflow-graph\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ')
                .append(n(height)).append("\">\n");
        out.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow\"/></marker>"
                + "<marker id=\"arrow-taken\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow taken\"/></marker></defs>\n");
        if (standalone) {
            out.append("<style>").append(STYLE).append("</style>\n");
        }
        out.append("<g transform=\"translate(").append(n(MARGIN)).append(',').append(n(MARGIN)).append(")\">\n");
        for (Box box : diagram.boxes()) { // containers come before what they contain: drawn first, underneath
            box(out, box, path);
        }
        for (Line line : diagram.lines()) {
            line(out, line, path);
        }
        out.append("</g>\n</svg>\n");
        return out.toString();
    }

    private static void box(StringBuilder out, Box box, Optional<ExecutionPath> path) {
        StringBuilder classes = new StringBuilder("node ").append(box.kind().name().toLowerCase(Locale.ROOT));
        if (!box.type().isEmpty()) {
            classes.append(' ').append(box.type().toLowerCase(Locale.ROOT));
        }
        int visits = path.map(p -> p.visited().getOrDefault(box.key(), 0)).orElse(0);
        path.ifPresent(p -> {
            if (p.visited().containsKey(box.key())) {
                classes.append(" visited");
            }
            if (p.current().contains(box.key())) {
                classes.append(" current");
            }
            if (p.failed().contains(box.key())) {
                classes.append(" failed");
            }
        });
        out.append("<g class=\"").append(classes).append("\" data-state=\"").append(escape(box.key())).append("\">");
        out.append("<title>").append(escape(box.label())).append(box.type().isEmpty() ? "" : " (" + box.type() + ")")
                .append(visits > 1 ? ", entered " + visits + " times" : "").append("</title>");
        double cx = box.x() + box.width() / 2;
        switch (box.kind()) {
            case TERMINAL -> {
                out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(box.y() + box.height() / 2))
                        .append("\" r=\"").append(n(box.width() / 2)).append("\"/>");
                out.append(text(cx, box.y() + box.height() + 12, box.label(), "label"));
            }
            case FRAME -> {
                out.append(rect(box, 4));
                out.append(text(cx, box.y() + 14, box.label(), "title"));
            }
            case GROUP -> {
                out.append(rect(box, 6));
                out.append(text(cx, box.y() + 16, box.label(), "label"));
                out.append(text(cx, box.y() + 30, box.type(), "type"));
            }
            default -> {
                out.append(rect(box, "Choice".equals(box.type()) ? 18 : 6));
                out.append(text(cx, box.y() + 17, box.label(), "label"));
                out.append(text(cx, box.y() + 32, box.type(), "type"));
            }
        }
        out.append("</g>\n");
    }

    private static void line(StringBuilder out, Line line, Optional<ExecutionPath> path) {
        boolean taken = path.map(p -> p.transitions().contains(ExecutionPath.transition(line.from(), line.to()))).orElse(false);
        out.append("<g class=\"edge").append(line.caught() ? " caught" : "").append(taken ? " taken" : "")
                .append("\" data-from=\"").append(escape(line.from())).append("\" data-to=\"").append(escape(line.to()))
                .append("\"><path d=\"");
        for (int i = 0; i < line.points().size(); i++) {
            Point p = line.points().get(i);
            out.append(i == 0 ? 'M' : 'L').append(n(p.x())).append(',').append(n(p.y()));
        }
        out.append("\" marker-end=\"url(#").append(taken ? "arrow-taken" : "arrow").append(")\"/>");
        if (line.label() != null) {
            Point middle = DiagramLayout.middle(line.points());
            double w = line.label().length() * 6 + 6;
            out.append("<rect class=\"edge-label\" x=\"").append(n(middle.x() - w / 2)).append("\" y=\"").append(n(middle.y() - 8))
                    .append("\" width=\"").append(n(w)).append("\" height=\"14\"/>");
            out.append(text(middle.x(), middle.y() + 3, line.label(), "edge-text"));
        }
        out.append("</g>\n");
    }

    private static String rect(Box box, double radius) {
        return "<rect x=\"" + n(box.x()) + "\" y=\"" + n(box.y()) + "\" width=\"" + n(box.width()) + "\" height=\""
                + n(box.height()) + "\" rx=\"" + n(radius) + "\"/>";
    }

    private static String text(double x, double y, String text, String cls) {
        return "<text class=\"" + cls + "\" x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"middle\">" + escape(text) + "</text>";
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c); // not allowed in XML
            }
        }
        return out.toString();
    }

    /** The look: in a standalone file, and the console's graph.css. */
    public static String style() {
        return STYLE;
    }

    private static final String STYLE = """
            svg.workflow-graph{font:12px system-ui,sans-serif}
            .node rect,.node circle{fill:#fff;stroke:#868e96;stroke-width:1.2}
            .node.frame rect{fill:#f8f9fa;stroke-dasharray:4 3}
            .node.group>rect{fill:#f1f3f5}
            .node text.type,.node text.title{fill:#6b7585;font-size:10px}
            .node text.label{fill:#1d2430}
            .node.visited>rect,.node.visited>circle{fill:#d0ebff;stroke:#1c7ed6;stroke-width:2}
            .node.current>rect,.node.current>circle{fill:#fff3bf;stroke:#e8590c;stroke-width:3}
            .node.failed>rect,.node.failed>circle{fill:#ffe3e3;stroke:#c92a2a;stroke-width:3}
            .edge path{fill:none;stroke:#adb5bd;stroke-width:1.2}
            .edge.caught path{stroke-dasharray:5 3}
            .edge.taken path{stroke:#1c7ed6;stroke-width:2.5}
            .arrow{fill:#adb5bd}.arrow.taken{fill:#1c7ed6}
            .edge-label{fill:#fff;opacity:.85}.edge-text{fill:#6b7585;font-size:10px}
            """;
}
