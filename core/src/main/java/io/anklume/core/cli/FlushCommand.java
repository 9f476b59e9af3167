package io.anklume.core.cli;

import io.anklume.core.flush.Flush;
import io.anklume.core.flush.FlushPlan;
import io.anklume.core.flush.NftTable;
import io.anklume.core.infra.Infra;
import io.anklume.incus.IncusClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code flush FILE}: deletes what anklume made for the file's domains, after listing it. */
final class FlushCommand implements Command {
    private final CliEnvironment env;

    FlushCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "flush"; }

    public String summary() { return "flush FILE [--yes]       delete every anklume object of FILE's domains"; }

    public String help() {
        return """
                Usage: anklume-tui flush FILE [--yes] [--force] [--nft-table NAME]

                Deletes what anklume made for the domains of FILE: managed instances, the projects'
                profiles, the projects, the bridges net-<domain>, and the nft table inet anklume when none
                of the bridges it isolates stays. Lists everything first and asks.
                Untracked instances (no user.anklume.managed) are never touched; a project or bridge
                they still use is kept, with the reason. Protected instances
                (security.protection.delete=true) are kept unless --force, which lifts the protection
                and deletes them.

                Options:
                  --yes              do not ask (needed without a terminal)
                  --force            also delete protected instances
                  --nft-table NAME   the isolation table (default anklume)

                Exit codes: 0 done or nothing to delete, 1 refusal or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--yes", "--force"), Set.of("--nft-table"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        String file = Cli.singleFile(args);
        NftTable table;
        try {
            table = new NftTable(args.options().getOrDefault("--nft-table", NftTable.ANKLUME));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        Optional<Infra> infra = InfraFile.load(env, file);
        if (infra.isEmpty()) {
            return FAILED;
        }
        try (IncusClient incus = env.incus().get()) {
            Flush flush = new Flush(incus, table, false);
            FlushPlan plan = flush.plan(infra.get(), args.has("--force"));
            plan.lines().forEach(env.out()::println);
            if (plan.isEmpty()) {
                env.out().println("Nothing to flush.");
                return OK;
            }
            env.out().println("Flush: " + plan.summary() + ".");
            if (!args.has("--yes") && !Confirmation.ask(env, "Delete all of this? It cannot be undone.")) {
                return FAILED;
            }
            flush.run(plan, env.out()::println);
            env.out().println("Flushed.");
            return OK;
        }
    }
}
