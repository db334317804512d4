package io.edakit.workflow.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.edakit.workflow.graph.Diagram.Point;

/**
 * A layered ("Sugiyama") drawing of a small directed graph, top to bottom: edges that close a
 * cycle are turned round for the layering, each node goes one layer below its lowest predecessor
 * (longest path), edges over several layers get a bend point per layer they cross, nodes are
 * ordered in their layer by the mean place of their neighbours (a few sweeps down and up) and
 * placed over their neighbours without overlapping.
 *
 * <p>Good for what state machines are (a few dozen states, mostly a chain with forks); it does not
 * minimise crossings exactly (that is NP-hard), and costs O(sweeps × edges × log) here. Node 0 is
 * the entry: the cycle search starts there, so a loop back to an earlier state is the edge drawn
 * upwards.
 */
final class LayeredLayout {

    static final double LAYER_GAP = 46;
    static final double NODE_GAP = 36;
    private static final int SWEEPS = 6;

    /** An edge from node {@code from} to node {@code to}. */
    record Edge(int from, int to) {
    }

    /** Where each node's centre is, the points of each edge (in edge order), the size of it all. */
    record Result(double[] x, double[] y, List<List<Point>> routes, double width, double height) {
    }

    private final double[] widths;
    private final double[] heights;
    private final List<Edge> edges;
    private final int real;
    private final List<Integer> layer = new ArrayList<>();
    private final List<Double> width = new ArrayList<>();
    private final List<List<Integer>> up = new ArrayList<>();
    private final List<List<Integer>> down = new ArrayList<>();
    /** Per edge: the chain of nodes it runs through in the layering direction (bend points between). */
    private final List<int[]> chains = new ArrayList<>();
    private final boolean[] reversed;

    private LayeredLayout(double[] widths, double[] heights, List<Edge> edges) {
        this.widths = widths;
        this.heights = heights;
        this.edges = edges;
        this.real = widths.length;
        this.reversed = new boolean[edges.size()];
    }

    static Result layout(double[] widths, double[] heights, List<Edge> edges) {
        return new LayeredLayout(widths, heights, edges).run();
    }

    private Result run() {
        findBackEdges();
        assignLayers();
        List<List<Integer>> layers = order();
        double[] x = place(layers);
        double[] layerTop = new double[layers.size()];
        double[] layerHeight = new double[layers.size()];
        double top = 0;
        for (int l = 0; l < layers.size(); l++) {
            for (int node : layers.get(l)) {
                layerHeight[l] = Math.max(layerHeight[l], node < real ? heights[node] : 0);
            }
            layerTop[l] = top;
            top += layerHeight[l] + LAYER_GAP;
        }
        double[] y = new double[layer.size()];
        for (int node = 0; node < layer.size(); node++) {
            y[node] = layerTop[layer.get(node)] + layerHeight[layer.get(node)] / 2;
        }
        double right = 0;
        for (int node = 0; node < layer.size(); node++) {
            right = Math.max(right, x[node] + width.get(node) / 2 + (node < real && selfLoop(node) ? 26 : 0));
        }
        return new Result(Arrays.copyOf(x, real), Arrays.copyOf(y, real), routes(x, y), right,
                Math.max(0, top - LAYER_GAP));
    }

    private boolean selfLoop(int node) {
        return edges.stream().anyMatch(e -> e.from() == node && e.to() == node);
    }

    /** Depth-first from node 0 (then from any node not reached): an edge to a node on the stack closes a cycle. */
    private void findBackEdges() {
        int[] mark = new int[real]; // 0 new, 1 on the stack, 2 done
        for (int start = 0; start < real; start++) {
            if (mark[start] == 0) {
                visit(start, mark);
            }
        }
    }

    private void visit(int node, int[] mark) {
        mark[node] = 1;
        for (int i = 0; i < edges.size(); i++) {
            Edge edge = edges.get(i);
            if (edge.from() != node || edge.to() == node) {
                continue;
            }
            if (mark[edge.to()] == 1) {
                reversed[i] = true;
            } else if (mark[edge.to()] == 0) {
                visit(edge.to(), mark);
            }
        }
        mark[node] = 2;
    }

    /** Longest path from the sources, then a bend node for each layer an edge crosses. */
    private void assignLayers() {
        int[] level = new int[real];
        boolean changed = true;
        for (int round = 0; changed && round <= real; round++) { // acyclic now: settles within n rounds
            changed = false;
            for (int i = 0; i < edges.size(); i++) {
                Edge edge = edges.get(i);
                int from = reversed[i] ? edge.to() : edge.from();
                int to = reversed[i] ? edge.from() : edge.to();
                if (from != to && level[to] < level[from] + 1) {
                    level[to] = level[from] + 1;
                    changed = true;
                }
            }
        }
        for (int node = 0; node < real; node++) {
            add(level[node], widths[node]);
        }
        for (int i = 0; i < edges.size(); i++) {
            Edge edge = edges.get(i);
            int from = reversed[i] ? edge.to() : edge.from();
            int to = reversed[i] ? edge.from() : edge.to();
            if (from == to) {
                chains.add(new int[] {from});
                continue;
            }
            int[] chain = new int[level[to] - level[from] + 1];
            chain[0] = from;
            for (int l = level[from] + 1; l < level[to]; l++) {
                chain[l - level[from]] = add(l, 8);
            }
            chain[chain.length - 1] = to;
            for (int k = 1; k < chain.length; k++) {
                down.get(chain[k - 1]).add(chain[k]);
                up.get(chain[k]).add(chain[k - 1]);
            }
            chains.add(chain);
        }
    }

    private int add(int level, double nodeWidth) {
        layer.add(level);
        width.add(nodeWidth);
        up.add(new ArrayList<>());
        down.add(new ArrayList<>());
        return layer.size() - 1;
    }

    /** Nodes per layer, ordered by the mean position of their neighbours in the layer above (then below). */
    private List<List<Integer>> order() {
        int levels = layer.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<Integer>> layers = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            layers.add(new ArrayList<>());
        }
        for (int node = 0; node < layer.size(); node++) {
            layers.get(layer.get(node)).add(node);
        }
        double[] position = new double[layer.size()];
        positions(layers, position);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean downwards = sweep % 2 == 0;
            for (int k = 1; k < levels; k++) {
                int l = downwards ? k : levels - 1 - k;
                List<List<Integer>> neighbours = downwards ? up : down;
                layers.get(l).sort(Comparator.comparingDouble(node -> mean(neighbours.get(node), position, position[node])));
                positions(layers, position);
            }
        }
        return layers;
    }

    private static void positions(List<List<Integer>> layers, double[] position) {
        for (List<Integer> nodes : layers) {
            for (int i = 0; i < nodes.size(); i++) {
                position[nodes.get(i)] = i;
            }
        }
    }

    private static double mean(List<Integer> nodes, double[] values, double otherwise) {
        return nodes.isEmpty() ? otherwise : nodes.stream().mapToDouble(n -> values[n]).average().orElse(otherwise);
    }

    /**
     * x of each node's centre: packed, then pulled over its neighbours a few times; each pull is
     * the mean of packing from the left and from the right (both keep the order and the gaps, so
     * their mean does too).
     */
    private double[] place(List<List<Integer>> layers) {
        double[] x = new double[layer.size()];
        for (List<Integer> nodes : layers) {
            double left = 0;
            for (int node : nodes) {
                x[node] = left + width.get(node) / 2;
                left += width.get(node) + NODE_GAP;
            }
        }
        for (int sweep = 0; sweep <= 2 * SWEEPS; sweep++) { // down, up, ..., down
            boolean downwards = sweep % 2 == 0;
            for (int k = 0; k < layers.size(); k++) {
                List<Integer> nodes = layers.get(downwards ? k : layers.size() - 1 - k);
                List<List<Integer>> neighbours = downwards ? up : down;
                double[] wanted = new double[nodes.size()];
                for (int i = 0; i < nodes.size(); i++) {
                    int node = nodes.get(i);
                    List<Integer> all = new ArrayList<>(neighbours.get(node));
                    if (all.isEmpty()) {
                        all.addAll((neighbours == up ? down : up).get(node));
                    }
                    wanted[i] = mean(all, x, x[node]);
                }
                pack(nodes, wanted, x);
            }
        }
        double min = Double.MAX_VALUE;
        for (int node = 0; node < layer.size(); node++) {
            min = Math.min(min, x[node] - width.get(node) / 2);
        }
        for (int node = 0; node < layer.size(); node++) {
            x[node] -= min;
        }
        return x;
    }

    private void pack(List<Integer> nodes, double[] wanted, double[] x) {
        int n = nodes.size();
        double[] fromLeft = new double[n];
        double[] fromRight = new double[n];
        for (int i = 0; i < n; i++) {
            fromLeft[i] = i == 0 ? wanted[i] : Math.max(wanted[i], fromLeft[i - 1] + gap(nodes, i - 1, i));
        }
        for (int i = n - 1; i >= 0; i--) {
            fromRight[i] = i == n - 1 ? wanted[i] : Math.min(wanted[i], fromRight[i + 1] - gap(nodes, i, i + 1));
        }
        for (int i = 0; i < n; i++) {
            x[nodes.get(i)] = (fromLeft[i] + fromRight[i]) / 2;
        }
    }

    private double gap(List<Integer> nodes, int a, int b) {
        return width.get(nodes.get(a)) / 2 + NODE_GAP + width.get(nodes.get(b)) / 2;
    }

    /** Each edge from the bottom of its source to the top of its target; upward edges on the right-hand third. */
    private List<List<Point>> routes(double[] x, double[] y) {
        List<List<Point>> routes = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            int[] chain = chains.get(i);
            List<Point> points = new ArrayList<>();
            if (chain.length == 1) { // a state that is its own next: a loop on its right side
                int node = chain[0];
                double right = x[node] + widths[node] / 2;
                points.add(new Point(right, y[node] - 8));
                points.add(new Point(right + 22, y[node] - 8));
                points.add(new Point(right + 22, y[node] + 8));
                points.add(new Point(right, y[node] + 8));
                routes.add(points);
                continue;
            }
            double shift = reversed[i] ? 0.25 : 0;
            int first = chain[0];
            int last = chain[chain.length - 1];
            points.add(new Point(x[first] + shift * widths[first], y[first] + heights[first] / 2));
            for (int k = 1; k < chain.length - 1; k++) {
                points.add(new Point(x[chain[k]], y[chain[k]]));
            }
            points.add(new Point(x[last] + shift * widths[last], y[last] - heights[last] / 2));
            if (reversed[i]) {
                java.util.Collections.reverse(points);
            }
            routes.add(points);
        }
        return routes;
    }
}
