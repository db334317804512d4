package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.edakit.app.cli.EdakitCli;
import io.edakit.testing.FatJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar edakit.jar completion} in a child JVM prints a completion script that names every
 * subcommand, and bash (the outside client) loads it and registers it for {@code edakit}.
 */
class ShellCompletionIT {

    @TempDir
    Path dir;

    @Test
    void theCompletionScriptCompletesEveryCommandInBash() throws Exception {
        FatJar.Outcome completion = FatJar.run(dir, Duration.ofSeconds(60), "completion");
        assertThat(completion.exitCode()).as(completion.stderr()).isZero();
        String script = completion.stdout();
        assertThat(EdakitCli.commandLine().getSubcommands().keySet())
                .contains("run", "catalog", "validate", "dlq", "completion")
                .allSatisfy(command -> assertThat(script).contains(command));
        assertThat(script).contains("--config", "--format");

        Path file = Files.writeString(dir.resolve("edakit-completion.bash"), script);
        Process bash = new ProcessBuilder("bash", "-c", "source '" + file + "' && complete -p edakit")
                .redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String registered = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.exitValue()).as(registered).isZero();
        assertThat(registered).contains("complete").contains("edakit");
    }
}
