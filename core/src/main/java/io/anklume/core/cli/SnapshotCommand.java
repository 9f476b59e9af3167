package io.anklume.core.cli;

import io.anklume.core.snapshot.BulkSnapshots;
import io.anklume.core.snapshot.IncusSnapshots;
import io.anklume.core.snapshot.SnapshotScope;
import io.anklume.incus.IncusClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;

final class SnapshotCommand implements Command {
    private final CliEnvironment env;
    private final Clock clock;

    SnapshotCommand(CliEnvironment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public String name() { return "snapshot"; }

    public String summary() { return "snapshot [--name N] (INSTANCE|--domain D|--all)  take snapshots"; }

    public String help() {
        return """
                Usage: anklume-tui snapshot [--name N] INSTANCE
                       anklume-tui snapshot [--name N] --domain D
                       anklume-tui snapshot [--name N] --all

                Takes a snapshot of one instance (PROJECT/NAME, or a NAME unique across projects), of every
                managed instance of domain D, or of every managed instance. The name is N, or
                snap-<UTC timestamp> (e.g. snap-20261203-101500), the same for every instance.
                An instance that fails does not stop the others.

                Exit codes: 0 every snapshot taken, 1 invalid input or any failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--all"), Set.of("--name", "--domain"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        int scopes = args.positional().size() + (args.has("--all") ? 1 : 0) + (args.option("--domain") != null ? 1 : 0);
        if (scopes != 1) {
            throw new Args.UsageException("give exactly one of INSTANCE, --domain D or --all");
        }
        try (IncusClient incus = env.incus().get()) {
            SnapshotScope scope = args.has("--all") ? new SnapshotScope.All()
                    : args.option("--domain") != null ? new SnapshotScope.Domain(args.option("--domain"))
                    : new SnapshotScope.One(InstanceArg.resolve(incus, args.positional().get(0)));
            IncusSnapshots snapshots = new IncusSnapshots(incus, clock, false);
            BulkSnapshots.Outcome outcome = new BulkSnapshots(incus, snapshots)
                    .snapshot(scope, args.option("--name"), snapshots.defaultName());
            for (int i = 0; i < outcome.taken().size(); i++) {
                env.out().println("snapshot " + outcome.refs().get(i) + "/" + outcome.taken().get(i).name());
            }
            outcome.failures().forEach(env.err()::println);
            env.out().println(outcome.summary());
            return outcome.succeeded() ? OK : FAILED;
        }
    }
}
