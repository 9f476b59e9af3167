package io.anklume.core.cli;

import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.snapshot.Rollback;
import io.anklume.incus.IncusClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

final class RollbackCommand implements Command {
    private final CliEnvironment env;

    RollbackCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "rollback"; }

    public String summary() { return "rollback [--dry-run] [INSTANCE...]  undo an apply (pre-apply snapshots)"; }

    public String help() {
        return """
                Usage: anklume-tui rollback [--dry-run] [--yes] [INSTANCE...]

                Restores instances to the pre-apply-<timestamp> snapshots apply takes before it changes
                them. Without INSTANCE: every instance the last apply changed goes back to the state
                before it. With INSTANCE (PROJECT/NAME or a unique NAME): each goes back to its newest
                pre-apply snapshot. Files and configuration written since are lost; the next plan shows
                the changes of infra.yml again.

                Options:
                  --dry-run   print what would be restored, change nothing
                  --yes       do not ask for confirmation (needed without a terminal)

                Exit codes: 0 restored (or nothing to do), 1 invalid input, refusal or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--dry-run", "--yes"), Set.of());
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        try (IncusClient incus = env.incus().get()) {
            Rollback rollback = new Rollback(incus, false);
            List<Rollback.Step> steps;
            if (args.positional().isEmpty()) {
                steps = rollback.lastApply();
            } else {
                List<InstanceRef> refs = new ArrayList<>();
                for (String spec : args.positional()) {
                    refs.add(InstanceArg.resolve(incus, spec));
                }
                steps = rollback.of(refs);
            }
            if (steps.isEmpty()) {
                env.out().println("Nothing to roll back: no managed instance has a pre-apply snapshot.");
                return OK;
            }
            steps.forEach(s -> env.out().println("restore " + s));
            if (args.has("--dry-run")) {
                env.out().println("(dry run: nothing restored)");
                return OK;
            }
            if (!args.has("--yes") && !Confirmation.ask(env, (steps.size() == 1 ? "Restore this instance?"
                    : "Restore these " + steps.size() + " instances?") + " What they wrote since is lost.", "Run again with --yes.")) {
                return FAILED;
            }
            rollback.run(steps);
            env.out().println("Rolled back " + steps.size() + " instance" + (steps.size() == 1 ? "" : "s") + ".");
            return OK;
        }
    }
}
