package io.edakit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the CPU of a side goes, by thread role: broker, client network I/O, raw listeners, edakit's
 * receiver and workers, the sender, and the JVM itself (JIT, GC: the process CPU no Java thread
 * accounts for). Accumulated over a side's slices, printed per message with {@code --cpu-breakdown}.
 */
final class CpuBreakdown {

    private static final Map<String, Pattern> ROLES = roles();

    private static Map<String, Pattern> roles() {
        Map<String, Pattern> roles = new LinkedHashMap<>();
        roles.put("broker", Pattern.compile(".*\\(activemq-.*edakit.*\\)|activemq-buffer-timeout.*"));
        roles.put("client-io", Pattern.compile(".*\\(activemq-client-remoting\\)|kafka-producer-network-thread.*"));
        roles.put("client-listener",
                Pattern.compile(".*\\(activemq-client-global\\)|.*\\(activemq-client-factory.*\\)"));
        roles.put("edakit-receiver", Pattern.compile("edakit-receiver-.*|edakit-kafka-.*"));
        roles.put("camel-worker", Pattern.compile("Camel .* - channel-(?!completion|timeouts).*"));
        roles.put("camel-completion", Pattern.compile("Camel .* - channel-(completion|timeouts).*"));
        roles.put("callers", Pattern.compile("bench-caller-.*"));
        roles.put("raw-kafka", Pattern.compile("bench-kafka-.*"));
        roles.put("kafka-broker", Pattern.compile("(kafka|data-plane|broker|controller|raft|quorum|LogDirFailure|"
                + "ExpirationReaper|group-coordinator|transaction|ReplicaFetcher|executor|metrics|"
                + "kafka-scheduler|ThrottledChannelReaper|feature-zk|socket|request-handler).*"));
        roles.put("sender(main)", Pattern.compile("main"));
        return roles;
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, Long> totals = new TreeMap<>();
    private long messages;
    private Map<Long, Long> startThreads;
    private Map<Long, String> names;
    private long startProcess;

    private Map<String, Long> startJvm;

    void begin() {
        names = new HashMap<>();
        startThreads = snapshot(names);
        startJvm = jvmThreads();
        startProcess = Slices.processCpuNanos();
    }

    void end(long count) {
        long process = Slices.processCpuNanos() - startProcess;
        Map<Long, String> endNames = new HashMap<>();
        Map<Long, Long> end = snapshot(endNames);
        long javaThreads = 0;
        for (Map.Entry<Long, Long> thread : end.entrySet()) {
            long used = thread.getValue() - startThreads.getOrDefault(thread.getKey(), 0L);
            if (used <= 0) {
                continue;
            }
            javaThreads += used;
            totals.merge(role(endNames.get(thread.getKey())), used, Long::sum);
        }
        long jvm = 0;
        for (Map.Entry<String, Long> internal : jvmThreads().entrySet()) {
            long used = internal.getValue() - startJvm.getOrDefault(internal.getKey(), 0L);
            jvm += used;
            totals.merge(internal.getKey(), used, Long::sum);
        }
        totals.merge("unattributed", Math.max(0, process - javaThreads - jvm), Long::sum);
        messages += count;
    }

    private Map<Long, Long> snapshot(Map<Long, String> names) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long time = threads.getThreadCpuTime(info.getThreadId());
                if (time >= 0) {
                    cpu.put(info.getThreadId(), time);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        return cpu;
    }

    /**
     * CPU of the JVM's own threads (JIT compilers, GC, VM thread), which no ThreadMXBean lists: read
     * from /proc on Linux (10 ms ticks), by role; empty elsewhere.
     */
    private static Map<String, Long> jvmThreads() {
        Map<String, Long> cpu = new HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return cpu;
        }
        long nanosPerTick = 10_000_000L;
        for (java.io.File task : tasks) {
            try {
                String comm = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim();
                String role = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "jit"
                        : comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread") ? "gc"
                        : null;
                if (role == null) {
                    continue;
                }
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                cpu.merge(role, ticks * nanosPerTick, Long::sum);
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return cpu;
    }

    private static String role(String name) {
        for (Map.Entry<String, Pattern> role : ROLES.entrySet()) {
            if (name != null && role.getValue().matcher(name).matches()) {
                return role.getKey();
            }
        }
        return "other";
    }

    /** {@code role=us/msg ...}, biggest first. */
    String perMessage() {
        StringBuilder line = new StringBuilder();
        totals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(entry ->
                line.append(String.format(Locale.ROOT, " %s=%.1f", entry.getKey(),
                        entry.getValue() / 1e3 / Math.max(1, messages))));
        return line.toString().trim();
    }
}
