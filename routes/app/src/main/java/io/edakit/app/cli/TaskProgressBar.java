package io.edakit.app.cli;

import java.io.PrintWriter;

import org.apache.camel.util.json.JsonObject;

/**
 * A redrive task's progress on stderr (stdout stays for the result): one bar redrawn in place on a
 * terminal, a plain line per change when stderr is a file or a pipe (CI logs, {@code 2> log}).
 */
final class TaskProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private String last = "";

    TaskProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Whether stderr is a terminal (the JVM has a console only when stdin and stdout are terminals too). */
    static boolean stderrIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    void show(JsonObject task) {
        String line = line(task);
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
    }

    void done() {
        if (terminal) {
            err.println();
        }
    }

    static String line(JsonObject task) {
        long total = Math.max(number(task, "waitingAtStart"), 1);
        long offered = number(task, "offered");
        boolean running = "running".equals(task.getString("state"));
        double fraction = running ? Math.min(1.0, offered / (double) total) : 1.0;
        int filled = (int) Math.round(fraction * WIDTH);
        JsonObject kept = (JsonObject) task.get("kept");
        long keptCount = number(kept, "notSelected") + number(kept, "atRedriveLimit") + number(kept, "withoutTarget")
                + number(kept, "notReached");
        Object eta = task.get("etaSeconds");
        return String.format("[%s%s] %3d%% %s: %d moved, %d kept, %s/s%s", "#".repeat(filled), "-".repeat(WIDTH - filled),
                Math.round(fraction * 100), task.getString("state"), number(task, "moved"), keptCount,
                task.get("ratePerSecond"), running && eta != null ? ", ETA " + eta + " s" : "");
    }

    private static long number(JsonObject json, String key) {
        return json.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
