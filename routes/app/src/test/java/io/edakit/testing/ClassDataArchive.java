package io.edakit.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A class-data-sharing archive of the fat jar (JDK 17 dynamic AppCDS), made once per build by a
 * training run, so that the tests' many child JVMs map the classes of Camel, Artemis and the HTTP
 * server instead of loading, verifying and parsing them out of a 120 MB jar each time.
 *
 * <p>What it cost and saved, measured on the loaded 2-core build machine: a child reaching
 * {@code /observe/health/ready} used 15-17 s of CPU with the JVM's defaults, 7-9 s with C1 only
 * ({@link FatJar}), 4.8 s with C1 and this archive. The training run costs one such start plus
 * the dump at its exit (a few seconds), once per jar: the archive sits next to the jar and is made
 * again only when the jar is newer.
 *
 * <p>The archive only changes where classes come from; a missing or mismatched one is ignored by
 * the JVM ({@code -Xshare:auto}), and {@code -Xlog:cds*=off} (in {@link FatJar}) keeps its warning
 * out of the output the tests read. A failed training run leaves the children without it.
 */
final class ClassDataArchive {

    private static final Duration TRAINING = Duration.ofMinutes(3);

    private static Optional<Path> archive;

    private ClassDataArchive() {
    }

    /** The archive of {@code jar}, trained on first use; empty when it could not be made. */
    static synchronized Optional<Path> of(Path jar, List<String> jvmOptions) {
        if (archive == null) {
            archive = trained(jar, jvmOptions);
        }
        return archive;
    }

    private static Optional<Path> trained(Path jar, List<String> jvmOptions) {
        Path target = jar.resolveSibling("edakit.jsa");
        try {
            if (Files.isRegularFile(target)
                    && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return Optional.of(target);
            }
            Path dir = Files.createDirectories(jar.resolveSibling("cds-training"));
            Path dumped = dir.resolve("edakit.jsa");
            Files.deleteIfExists(dumped);
            train(jar, jvmOptions, dir, dumped);
            if (!Files.isRegularFile(dumped)) {
                System.out.println("class data archive: the training run wrote none; children start without it (see "
                        + dir.resolve("training.log") + ")");
                return Optional.empty();
            }
            Files.move(dumped, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(target);
        } catch (IOException | RuntimeException e) {
            System.out.println("class data archive: training failed (" + e + "); children start without it");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Runs the jar as most tests do (embedded broker, HTTP, a request-reply round trip), then stops
     * it with SIGTERM: the JVM writes the classes it loaded to {@code dumped} as it exits.
     */
    private static void train(Path jar, List<String> jvmOptions, Path dir, Path dumped)
            throws IOException, InterruptedException {
        int httpPort = FreePorts.next();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("camel.main.routes-include-pattern", "classpath:edakit/demo/quote-handler.yaml");
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("data-" + System.nanoTime()).toString());
        config.put("edakit.broker.password", "training");
        config.put("camel.server.port", String.valueOf(httpPort));
        config.put("camel.management.port", String.valueOf(httpPort));
        TestApp.instance(config, "quotes", "request-reply", Map.of("from", "platform-http:/quotes", "channel", "quotes"));
        TestApp.instance(config, "responder", "responder", Map.of("channel", "quotes", "handler", "direct:demo-quote"));
        Path file = TestApp.writeProperties(dir.resolve("training.properties"), config);

        List<String> command = new ArrayList<>(List.of(FatJar.javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + dumped, "-jar", jar.toString(), "run", "--config", file.toString()));
        Process training = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("training.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + httpPort;
            await().atMost(TRAINING).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> HttpCalls.get(base + "/observe/health/ready").statusCode() == 200);
            HttpCalls.post(base + "/quotes", "training");
        } catch (ConditionTimeoutException | UncheckedIOException e) {
            System.out.println("class data archive: the training run did not get ready (" + e.getMessage() + ")");
        } finally {
            training.destroy();
            if (!training.waitFor(TRAINING.toSeconds(), TimeUnit.SECONDS)) {
                training.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
