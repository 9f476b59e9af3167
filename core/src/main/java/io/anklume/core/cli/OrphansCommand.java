package io.anklume.core.cli;

import io.anklume.core.adopt.Adoption;
import io.anklume.core.infra.Infra;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.plan.Action;
import io.anklume.core.plan.Applier;
import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.IncusActionRunner;
import io.anklume.core.plan.Plan;
import io.anklume.incus.IncusClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code orphans FILE}: managed instances the file no longer declares (deleted only with
 * {@code --delete}, after a confirmation), and untracked instances (listed, never touched).
 */
final class OrphansCommand implements Command {
    private final CliEnvironment env;

    OrphansCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "orphans"; }

    public String summary() { return "orphans FILE [--delete]  managed instances FILE no longer declares; untracked ones"; }

    public String help() {
        return """
                Usage: anklume-tui orphans FILE [--domain D] [--delete [--yes]]

                Lists the orphans: instances with user.anklume.managed=true that FILE does not declare
                (their domain was removed, or the machine was). Also lists the untracked instances
                (no user.anklume.managed), which anklume-tui never changes; adopt them from the TUI (a).

                Options:
                  --domain D   only instances of project D
                  --delete     delete the orphans (protection is lifted first), after a confirmation
                  --yes        do not ask (needed without a terminal)

                Exit codes: 0 success, 1 invalid input, refusal or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--delete", "--yes"), Set.of("--domain"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        String file = Cli.singleFile(args);
        Optional<Infra> infra = InfraFile.load(env, file);
        if (infra.isEmpty()) {
            return FAILED;
        }
        String domain = args.option("--domain");
        try (IncusClient incus = env.incus().get()) {
            Adoption adoption = new Adoption(incus, false);
            List<InstanceRef> orphans = adoption.orphans(infra.get()).stream()
                    .filter(r -> domain == null || domain.equals(r.project())).toList();
            List<InstanceRef> untracked = adoption.untracked().stream()
                    .filter(r -> domain == null || domain.equals(r.project())).toList();
            env.out().println(orphans.isEmpty() ? "No orphans: every managed instance is declared in " + file + "."
                    : "Orphans (managed, not in " + file + "):");
            orphans.forEach(r -> env.out().println("  " + r));
            if (!untracked.isEmpty()) {
                env.out().println("Untracked (never touched; adopt with a in the TUI):");
                untracked.forEach(r -> env.out().println("  " + r));
            }
            if (!args.has("--delete") || orphans.isEmpty()) {
                return OK;
            }
            if (!args.has("--yes") && !Confirmation.ask(env, "Delete these " + orphans.size() + " orphans?")) {
                return FAILED;
            }
            List<Action> deletes = orphans.stream()
                    .<Action>map(r -> new Action.DeleteInstance(r.project(), r.project(), r.name())).toList();
            ApplyReport report = new Applier(new IncusActionRunner(incus), ApplyCommand.DEFAULT_PARALLELISM,
                    new ApplyListener() { }).apply(new Plan(deletes));
            report.lines().forEach(report.succeeded() ? env.out()::println : env.err()::println);
            return report.succeeded() ? OK : FAILED;
        }
    }
}
