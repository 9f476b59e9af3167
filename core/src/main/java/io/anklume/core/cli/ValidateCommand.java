package io.anklume.core.cli;

import io.anklume.core.infra.Infra;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class ValidateCommand implements Command {
    private final CliEnvironment env;

    ValidateCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "validate"; }

    public String summary() { return "validate FILE            check an infra.yml without touching Incus"; }

    public String help() {
        return """
                Usage: anklume-tui validate FILE

                Checks FILE against every rule of the infra.yml format and prints each problem as
                file:line:col path: message. Never contacts Incus.

                Exit codes: 0 valid (warnings allowed), 1 invalid.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of(), Set.of());
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        String file = Cli.singleFile(args);
        Optional<Infra> infra = InfraFile.load(env, file);
        if (infra.isEmpty()) {
            return FAILED;
        }
        int domains = infra.get().enabledDomains().size();
        long machines = infra.get().machines().count();
        env.out().println(file + " is valid: " + domains + " enabled domain" + (domains == 1 ? "" : "s") + ", "
                + machines + " machine" + (machines == 1 ? "" : "s") + ".");
        return OK;
    }
}
