package io.edakit.app.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code edakit completion}: the bash (and zsh, through bashcompinit) completion script of every
 * command and option, as picocli generates it from the command line itself, so it never lags.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints the bash/zsh completion script of the edakit command line.",
                "Install: java -jar edakit.jar completion > edakit-completion.bash, then source it "
                        + "(for zsh: autoload -U +X bashcompinit && bashcompinit first). "
                        + "It completes the command 'edakit': alias edakit='java -jar /path/to/edakit.jar'."})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
