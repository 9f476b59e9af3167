package io.anklume.core.cli;

import io.anklume.core.infra.Infra;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.PlanOptions;
import io.anklume.core.plan.Planner;
import io.anklume.incus.IncusClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class PlanCommand implements Command {
    private final CliEnvironment env;

    PlanCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "plan"; }

    public String summary() { return "plan FILE [--json]       show what apply would change"; }

    public String help() {
        return """
                Usage: anklume-tui plan FILE [--json] [--domain D] [--delete-orphans]

                Compares FILE with what Incus holds and prints the changes, one per line:
                  + create instance pro-dev in project pro
                  ~ update pro-dev limits.memory 2GiB → 4GiB
                  - delete orphan pro/old-box      (only with --delete-orphans)

                Options:
                  --json             print the plan as JSON
                  --domain D         only domain D
                  --delete-orphans   also plan deleting managed instances no longer in FILE

                Exit codes: 0 no changes, 1 invalid input or failure, 2 changes pending.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--json", "--delete-orphans"), Set.of("--domain"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        Optional<Infra> infra = InfraFile.load(env, Cli.singleFile(args));
        if (infra.isEmpty()) {
            return FAILED;
        }
        PlanOptions options = new PlanOptions(args.has("--delete-orphans"), args.option("--domain"));
        try (IncusClient incus = env.incus().get()) {
            Plan plan = new Planner(incus).plan(infra.get(), env.addressing().apply(infra.get()), options);
            env.out().println(args.has("--json") ? plan.toJson() : plan.toText());
            return plan.isEmpty() ? OK : CHANGES_PENDING;
        }
    }
}
