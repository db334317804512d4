package io.edakit.workflow.engine;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The children of a run's Parallel or Map state and their results. A Map launches its iterations
 * as earlier ones end, never more than {@code limit} at once, so a Map of 100,000 items holds the
 * items, the results and {@code limit} runs, not 100,000 runs.
 */
final class Fanout {

    final int size;
    final int limit;
    /** Map only: the items and the effective input (for ItemSelector's context). */
    final ArrayNode items;
    final int toleratedCount;
    final double toleratedPercentage;
    final boolean toleranceSet;

    private final JsonNode[] results;
    final List<Run> active = new ArrayList<>();
    /** Children that failed (kept, so that a redrive can run them again from where they failed). */
    final List<Run> unsuccessful = new ArrayList<>();
    /** After a redrive: children to run again before any new item is launched. */
    final java.util.ArrayDeque<Run> redo = new java.util.ArrayDeque<>();
    int launched;
    int ended;
    int failures;
    boolean over;
    /** Why the state fails, once {@link #over}. */
    Run.Failure failure;

    Fanout(int size, int limit, ArrayNode items, Integer toleratedCount, Double toleratedPercentage) {
        this.size = size;
        this.limit = limit <= 0 ? Integer.MAX_VALUE : limit;
        this.items = items;
        this.toleranceSet = toleratedCount != null || toleratedPercentage != null;
        this.toleratedCount = toleratedCount == null ? (toleratedPercentage == null ? 0 : Integer.MAX_VALUE) : toleratedCount;
        this.toleratedPercentage = toleratedPercentage == null ? 100.0 : toleratedPercentage;
        this.results = new JsonNode[size];
    }

    boolean canLaunch() {
        return !over && (launched < size || !redo.isEmpty()) && active.size() < limit;
    }

    /**
     * A redrive: the failed children and those stopped with them (or still running, when the execution
     * was aborted from outside) are to run again; the results of the ones that succeeded stay.
     */
    void reopen() {
        List<Run> again = new ArrayList<>(unsuccessful);
        again.addAll(active);
        again.sort(java.util.Comparator.comparingInt(run -> run.index));
        ended -= unsuccessful.size();
        unsuccessful.clear();
        active.clear();
        redo.addAll(again);
        failures = 0;
        over = false;
        failure = null;
    }

    void ended(Run child, JsonNode result) {
        active.remove(child);
        results[child.index] = result;
        ended++;
    }

    /** True when the failures so far exceed what the Map tolerates (ASL: either threshold). */
    boolean failuresExceeded() {
        return failures > toleratedCount || failures * 100.0 / size > toleratedPercentage;
    }

    void fail(String error, String cause) {
        over = true;
        failure = new Run.Failure(error, cause);
    }

    boolean complete() {
        return ended == size;
    }

    ArrayNode results() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(size);
        for (JsonNode result : results) {
            array.add(result);
        }
        return array;
    }
}
