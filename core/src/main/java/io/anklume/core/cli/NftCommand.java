package io.anklume.core.cli;

import io.anklume.core.infra.Infra;
import io.anklume.core.isolation.HostFirewall;
import io.anklume.core.isolation.IsolationException;
import io.anklume.core.isolation.NftDrift;
import io.anklume.core.isolation.NftRuleset;
import io.anklume.core.isolation.ProcessNftRunner;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class NftCommand implements Command {
    private static final List<String> MODES = List.of("--print", "--check", "--deploy", "--diff", "--remove");

    private final CliEnvironment env;

    NftCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "nft"; }

    public String summary() { return "nft [--print|--check|--deploy|--diff|--remove] FILE   isolation rules"; }

    public String help() {
        return """
                Usage: anklume-tui nft [--print|--check|--deploy|--diff] FILE
                       anklume-tui nft --remove [FILE]

                The nftables table inet anklume that isolates the domains of FILE from one another
                (see docs/isolation.md). Only that table is ever touched.

                Options:
                  --print    print the table (the default)
                  --check    check it with nft -c; nothing is loaded
                  --deploy   check it, then replace the loaded table in one atomic transaction
                  --diff     show what differs between the loaded table and FILE's
                  --remove   remove the table (the domains are no longer isolated)

                Exit codes: 0 success or no difference, 1 invalid input or failure, 2 (--diff) different.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.copyOf(MODES), Set.of());
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        List<String> modes = MODES.stream().filter(args::has).toList();
        if (modes.size() > 1) {
            throw new Args.UsageException("choose one of " + String.join(", ", modes));
        }
        String mode = modes.isEmpty() ? "--print" : modes.get(0);
        HostFirewall firewall = new HostFirewall(env.nft() == null ? new ProcessNftRunner() : env.nft(), false);
        if (mode.equals("--remove") && args.positional().isEmpty()) {
            return remove(firewall);
        }
        Optional<Infra> infra = InfraFile.load(env, Cli.singleFile(args));
        if (infra.isEmpty()) {
            return FAILED;
        }
        NftRuleset ruleset = NftRuleset.generate(infra.get(), env.addressing().apply(infra.get()));
        try {
            switch (mode) {
                case "--check" -> {
                    firewall.check(ruleset);
                    env.out().println("nft accepts table " + NftRuleset.TABLE);
                }
                case "--deploy" -> {
                    HostFirewall.Deployment d = firewall.deploy(ruleset);
                    env.out().println((d.previous().isPresent() ? "replaced" : "loaded") + " table " + NftRuleset.TABLE);
                }
                case "--diff" -> {
                    return diff(firewall.drift(ruleset));
                }
                case "--remove" -> {
                    return remove(firewall);
                }
                default -> env.out().print(ruleset.table());
            }
        } catch (IsolationException e) {
            env.err().println("anklume-tui nft: " + e.getMessage());
            return FAILED;
        }
        return OK;
    }

    private int diff(NftDrift drift) {
        if (!drift.differs()) {
            env.out().println("table " + NftRuleset.TABLE + " is up to date");
            return OK;
        }
        if (!drift.loaded()) {
            env.out().println("table " + NftRuleset.TABLE + " is not loaded; wanted:");
        }
        drift.lines().forEach(env.out()::println);
        return CHANGES_PENDING;
    }

    private int remove(HostFirewall firewall) {
        try {
            env.out().println(firewall.remove() ? "removed table " + NftRuleset.TABLE : "table " + NftRuleset.TABLE + " was not loaded");
            return OK;
        } catch (IsolationException e) {
            env.err().println("anklume-tui nft: " + e.getMessage());
            return FAILED;
        }
    }
}
