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
    private final java.time.Clock clock;

    PlanCommand(CliEnvironment env, java.time.Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public String name() { return "plan"; }

    public String summary() { return "plan FILE [--json]       show what apply would change"; }

    public String help() {
        return """
                Usage: anklume-tui plan FILE [--json] [--domain D] [--delete-orphans] [--no-snapshot]

                Compares FILE with what Incus holds and prints the changes, one per line:
                  + create instance pro-dev in project pro
                  ~ update pro-dev limits.memory 2GiB → 4GiB
                  - delete orphan pro/old-box      (only with --delete-orphans)
                  * snapshot pro-dev as pre-apply-20261203-101500 before changing it

                Options:
                  --json             print the plan as JSON
                  --domain D         only domain D
                  --delete-orphans   also plan deleting managed instances no longer in FILE
                  --no-snapshot      leave out the pre-apply snapshots apply takes first

                Exit codes: 0 no changes, 1 invalid input or failure, 2 changes pending.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--json", "--delete-orphans", "--no-snapshot"), Set.of("--domain"));
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
            if (!args.has("--no-snapshot")) {
                plan = new io.anklume.core.plan.PreApplySnapshots(clock, io.anklume.core.plan.PreApplySnapshots.DEFAULT_KEEP)
                        .guard(plan);
            }
            env.out().println(args.has("--json") ? plan.toJson() : plan.toText());
            return plan.isEmpty() ? OK : CHANGES_PENDING;
        }
    }
}
