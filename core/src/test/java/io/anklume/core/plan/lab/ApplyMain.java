package io.anklume.core.plan.lab;

import io.anklume.core.cli.Cli;
import io.anklume.core.cli.CliEnvironment;
import io.anklume.core.cli.InfraSource;
import io.anklume.core.infra.Infra;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CLI as a separate process for the kill test: {@code ApplyMain DOMAIN ZONE MACHINES cli-args...}.
 * It runs the real {@link Cli}; only the infra (built in code until the loader is merged), the
 * addressing and the client come from {@link PlanLab}.
 */
public final class ApplyMain {
    private ApplyMain() {}

    public static void main(String[] args) {
        Infra infra = PlanLab.infra(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), "64MiB");
        List<String> cliArgs = new ArrayList<>(Arrays.asList(args).subList(3, args.length));
        CliEnvironment env = new CliEnvironment(System.out, System.err,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                path -> new InfraSource.Loaded(infra, List.of()), PlanLab::addressing, PlanLab::connect, () -> false);
        System.exit(new Cli(env).run(cliArgs));
    }
}
