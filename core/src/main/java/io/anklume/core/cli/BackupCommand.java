package io.anklume.core.cli;

import io.anklume.core.backup.Backups;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

final class BackupCommand implements Command {
    private final CliEnvironment env;
    private final Clock clock;

    BackupCommand(CliEnvironment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public String name() { return "backup"; }

    public String summary() { return "backup export INSTANCE FILE | backup import FILE  instance tarballs"; }

    public String help() {
        return """
                Usage: anklume-tui backup export INSTANCE FILE
                       anklume-tui backup import FILE [--project P] [--name N]

                export writes INSTANCE (PROJECT/NAME or a unique NAME), without its snapshots, to the tarball
                FILE (gzip), through an Incus backup that is deleted afterwards. import creates an
                instance from such a tarball in project P (default: default), named N (default: the
                name it was exported with), on the storage pool default. It is not started.

                Exit codes: 0 done, 1 invalid input or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of(), Set.of("--project", "--name"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        List<String> words = args.positional();
        String verb = words.isEmpty() ? "" : words.get(0);
        boolean export = verb.equals("export") && words.size() == 3;
        if (!export && !(verb.equals("import") && words.size() == 2)) {
            throw new Args.UsageException("expected 'export INSTANCE FILE' or 'import FILE [--project P] [--name N]'");
        }
        try (IncusClient incus = env.incus().get()) {
            Backups backups = new Backups(incus, clock, false);
            if (export) {
                InstanceRef ref = InstanceArg.resolve(incus, words.get(1));
                backups.export(ref, Path.of(words.get(2)));
                env.out().println("exported " + ref + " to " + words.get(2));
                return OK;
            }
            backups.importFrom(Path.of(words.get(1)), args.option("--project"), args.option("--name"));
            env.out().println("imported " + words.get(1) + " into project "
                    + (args.option("--project") == null ? "default" : args.option("--project")));
            return OK;
        }
    }
}
