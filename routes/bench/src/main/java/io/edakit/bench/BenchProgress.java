package io.edakit.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How far a long {@code bench} is, on stderr (stdout keeps the report and its RESULT line for
 * scripts): the run, the phase (warm-up round, measured slice k of n), a bar over the measured
 * slices of the run and the time since the start. On a terminal one line redrawn in place every
 * second, as {@code edakit task} draws a redrive; into a file or a pipe a plain line per change, so
 * a CI log gets a few lines, not one a second.
 *
 * <p>One per bench command ({@link #start}), reachable from the scenarios through {@link #current()}
 * (a field in every scenario's signature would cost more edits than it says); closed when the
 * command ends. Silent ({@link #NONE}) outside a command, e.g. in a scenario's own test.
 */
final class BenchProgress implements AutoCloseable {

    private static final int WIDTH = 24;
    static final BenchProgress NONE = new BenchProgress(null, false);
    private static volatile BenchProgress current = NONE;

    private final PrintWriter err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private String run = "";
    private String phase = "starting";
    private double fraction;
    private String last = "";

    private BenchProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.ticker = err != null && terminal ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "edakit-bench-progress");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::draw, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** The progress of the command now starting, on {@code err}. */
    static BenchProgress start(PrintWriter err, boolean terminal) {
        BenchProgress progress = new BenchProgress(err, terminal);
        current = progress;
        return progress;
    }

    static BenchProgress current() {
        return current;
    }

    /** Whether stderr is a terminal (the JVM has a console only when stdin and stdout are terminals too). */
    static boolean stderrIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Run {@code index} of {@code runs} begins. */
    synchronized void run(int index, int runs) {
        run = "run " + index + "/" + runs;
        phase = "starting";
        fraction = 0;
        draw();
    }

    /** A warm-up round ended. */
    synchronized void warmup(int round, int most) {
        phase = "warm-up round " + round + " (at most " + most + ")";
        draw();
    }

    /** {@code done} of {@code total} measured slices of this run are done. */
    synchronized void measured(int done, int total) {
        phase = "measured slice " + done + "/" + total;
        fraction = total == 0 ? 1 : done / (double) total;
        draw();
    }

    /** A phase without slices ("sagas", "appends"): named, the bar left as it is. */
    synchronized void phase(String name) {
        phase = name;
        draw();
    }

    synchronized String line() {
        int filled = (int) Math.round(fraction * WIDTH);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        return String.format(Locale.ROOT, "bench [%s%s] %3d%% %s%s, %d:%02d elapsed", "#".repeat(filled),
                "-".repeat(WIDTH - filled), Math.round(fraction * 100), run.isEmpty() ? "" : run + " ", phase,
                seconds / 60, seconds % 60);
    }

    private synchronized void draw() {
        if (err == null) {
            return;
        }
        String line = line();
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            String withoutTime = line.substring(0, line.lastIndexOf(','));
            if (withoutTime.equals(last)) {
                return; // the clock alone moved: not worth a line in a log
            }
            last = withoutTime;
            err.println(line);
        }
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (err != null && terminal) {
            err.print("\r\u001b[K"); // the bar goes; the report on stdout stays
            err.flush();
        }
        if (current == this) {
            current = NONE;
        }
    }
}
