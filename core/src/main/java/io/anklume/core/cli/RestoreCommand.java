package io.anklume.core.cli;

import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.snapshot.IncusSnapshots;
import io.anklume.incus.IncusClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;

final class RestoreCommand implements Command {
    private final CliEnvironment env;

    RestoreCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "restore"; }

    public String summary() { return "restore INSTANCE SNAPSHOT  put an instance back to a snapshot"; }

    public String help() {
        return """
                Usage: anklume-tui restore INSTANCE SNAPSHOT

                Restores INSTANCE (PROJECT/NAME, or a NAME unique across projects) to SNAPSHOT: files and
                configuration written after it are lost. A running container keeps running.

                Exit codes: 0 restored, 1 invalid input or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of(), Set.of());
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        if (args.positional().size() != 2) {
            throw new Args.UsageException("expected INSTANCE SNAPSHOT, got " + args.positional());
        }
        try (IncusClient incus = env.incus().get()) {
            InstanceRef ref = InstanceArg.resolve(incus, args.positional().get(0));
            new IncusSnapshots(incus, Clock.systemUTC(), false).restore(ref, args.positional().get(1));
            env.out().println("restored " + ref + " to " + args.positional().get(1));
            return OK;
        }
    }
}
