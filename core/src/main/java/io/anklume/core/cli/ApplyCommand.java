package io.anklume.core.cli;

import io.anklume.core.infra.Infra;
import io.anklume.core.isolation.AclFirewall;
import io.anklume.core.isolation.HostFirewall;
import io.anklume.core.isolation.Isolation;
import io.anklume.core.isolation.IsolationException;
import io.anklume.core.plan.Action;
import io.anklume.core.plan.Applier;
import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.IncusActionRunner;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.PlanOptions;
import io.anklume.core.plan.Planner;
import io.anklume.core.plan.PreApplySnapshots;
import io.anklume.incus.IncusClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class ApplyCommand implements Command {
    static final int DEFAULT_PARALLELISM = 4;

    private final CliEnvironment env;
    private final java.time.Clock clock;

    ApplyCommand(CliEnvironment env, java.time.Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public String name() { return "apply"; }

    public String summary() { return "apply FILE [--yes]       make Incus match the file"; }

    public String help() {
        return """
                Usage: anklume-tui apply FILE [--yes] [--parallel N] [--domain D] [--delete-orphans]
                                        [--keep-snapshots N] [--no-snapshot] [--no-nft]

                Shows the plan, asks for confirmation, then converges Incus to FILE: projects, bridges
                net-<domain>, profiles and instances. Stops starting new actions at the first failure
                and reports what was done and what was not. Running it again is safe.
                Before anything changes, every existing instance the plan changes gets a snapshot
                pre-apply-<UTC timestamp>; if one fails, nothing is changed. anklume-tui rollback
                restores them. As its last step it enforces the isolation between domains: table
                inet anklume on the host, or Incus network ACLs with firewall_mode: acl (see
                anklume-tui nft --help).

                Options:
                  --yes              do not ask for confirmation (needed without a terminal)
                  --parallel N       run up to N actions at once (default 4)
                  --domain D         only domain D
                  --delete-orphans   also delete managed instances no longer in FILE
                  --keep-snapshots N keep the last N pre-apply snapshots of each instance (default 3)
                  --no-snapshot      no pre-apply snapshots (rollback will not cover this apply)
                  --no-nft           leave the isolation (nft table or ACLs) as it is

                Exit codes: 0 success or no changes, 1 invalid input, refusal or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--yes", "--delete-orphans", "--no-snapshot", "--no-nft"),
                Set.of("--parallel", "--domain", "--keep-snapshots"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        String file = Cli.singleFile(args);
        int parallelism = parallelism(args);
        int keep = keepSnapshots(args);
        Optional<Infra> infra = InfraFile.load(env, file);
        if (infra.isEmpty()) {
            return FAILED;
        }
        PlanOptions options = new PlanOptions(args.has("--delete-orphans"), args.option("--domain"));
        try (IncusClient incus = env.incus().get()) {
            Plan plan = new Planner(incus).plan(infra.get(), env.addressing().apply(infra.get()), options);
            if (!args.has("--no-snapshot")) {
                plan = new PreApplySnapshots(clock, keep).guard(plan);
            }
            env.out().println(plan.toText());
            if (!plan.isEmpty()) {
                if (!args.has("--yes") && !confirmed(plan)) {
                    return FAILED;
                }
                ApplyReport report = new Applier(new IncusActionRunner(incus), parallelism, new Progress()).apply(plan);
                report.lines().forEach(report.succeeded() ? env.out()::println : env.err()::println);
                if (!report.succeeded()) {
                    return FAILED;
                }
            }
            return args.has("--no-nft") ? OK : isolate(incus, infra.get());
        }
    }

    /** The last step: the isolation of the domains, once everything they need exists. */
    private int isolate(IncusClient incus, Infra infra) {
        if (env.nft() == null) {
            env.out().println("isolation: not enforced here (no nft in this environment)");
            return OK;
        }
        Isolation isolation = new Isolation(new HostFirewall(env.nft(), false), new AclFirewall(incus, false));
        try {
            List<String> changes = isolation.enforce(infra, env.addressing().apply(infra));
            if (changes.isEmpty()) {
                env.out().println("isolation: up to date");
            }
            changes.forEach(c -> env.out().println("isolation: " + c));
            return OK;
        } catch (IsolationException e) {
            env.err().println("isolation: " + e.getMessage());
            return FAILED;
        }
    }

    private boolean confirmed(Plan plan) {
        if (!env.terminal().getAsBoolean()) {
            env.err().println("anklume-tui: refusing to apply without confirmation: no terminal. "
                    + "Review the plan and run again with --yes.");
            return false;
        }
        env.out().print("Apply these " + plan.size() + " actions? [y/N] ");
        env.out().flush();
        try {
            String answer = env.in().readLine();
            if (answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.err().println("Apply cancelled; nothing changed.");
        return false;
    }

    static int keepSnapshots(Args args) throws Args.UsageException {
        String value = args.option("--keep-snapshots");
        if (value == null) {
            return PreApplySnapshots.DEFAULT_KEEP;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Args.UsageException("--keep-snapshots needs a whole number from 1 to 100, not '" + value + "'");
    }

    private static int parallelism(Args args) throws Args.UsageException {
        String value = args.option("--parallel");
        if (value == null) {
            return DEFAULT_PARALLELISM;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Args.UsageException("--parallel needs a whole number from 1 to 64, not '" + value + "'");
    }

    private static String headline(Action action) {
        List<String> lines = action.diffLines();
        return lines.isEmpty() ? action.kind() + " " + action.target() : lines.get(0);
    }

    /** Prints one line per finished action; the Applier calls it from worker threads. */
    private final class Progress implements ApplyListener {
        @Override
        public void succeeded(Action action) {
            synchronized (env.out()) {
                env.out().println("done    " + headline(action));
            }
        }

        @Override
        public void failed(Action action, String message) {
            synchronized (env.out()) {
                env.out().println("FAILED  " + headline(action) + ": " + message);
            }
        }
    }
}
