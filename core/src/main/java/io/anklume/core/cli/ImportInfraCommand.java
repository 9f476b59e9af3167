package io.anklume.core.cli;

import io.anklume.core.adopt.InfraImporter;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.Problem;
import io.anklume.core.net.HostNetworks;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.PlanOptions;
import io.anklume.core.plan.Planner;
import io.anklume.incus.IncusClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code import-infra}: an infra.yml from the current Incus state, validated and planned before it is handed over. */
final class ImportInfraCommand implements Command {
    private final CliEnvironment env;

    ImportInfraCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "import-infra"; }

    public String summary() { return "import-infra [--out FILE] an infra.yml from what Incus holds now"; }

    public String help() {
        return """
                Usage: anklume-tui import-infra [--out FILE] [--project P[,P2...]] [--include-default] [--force]

                Writes an infra.yml describing the current Incus state: each project becomes a domain
                (trust_level from user.anklume.trust, else semi-trusted; subnet_id from its bridge
                net-<project>), each instance a machine (os_image from volatile.base_image, static eth0
                address, limits and other keys anklume owns, gpu, boot and snapshot settings, ephemeral),
                extra profiles become domain profiles. The result is validated and planned against the
                same Incus; what could not be represented is listed as notes (also as comments at the top
                of the file), and the plan shows what the next apply would still change.

                Options:
                  --out FILE         write there instead of standard output
                  --project P,P2     only these projects (default: all but "default")
                  --include-default  also import the default project
                  --force            overwrite an existing FILE

                Exit codes: 0 valid file, 1 the file has validation errors or a failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--include-default", "--force"), Set.of("--out", "--project"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        if (!args.positional().isEmpty()) {
            throw new Args.UsageException("import-infra takes no FILE argument (use --out FILE), got " + args.positional());
        }
        String out = args.option("--out");
        if (out != null && Files.exists(Path.of(out)) && !args.has("--force")) {
            env.err().println(out + ": already exists; nothing written (use --force to overwrite)");
            return FAILED;
        }
        List<String> projects = args.option("--project") == null ? List.of()
                : Arrays.stream(args.option("--project").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try (IncusClient incus = env.incus().get()) {
            InfraImporter.Imported imported = new InfraImporter(incus).importInfra(projects, args.has("--include-default"));
            String fileName = out == null ? "imported.yml" : out;
            InfraFiles.Loaded loaded = InfraFiles.parse(fileName, imported.yaml(), HostNetworks.detect());
            if (out == null) {
                env.out().print(imported.yaml());
            } else {
                try {
                    Files.writeString(Path.of(out), imported.yaml(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    env.err().println(out + ": cannot be written: " + e.getMessage());
                    return FAILED;
                }
                env.out().println("Wrote " + out + " (" + imported.domains().size() + " domains: "
                        + String.join(", ", imported.domains()) + ")");
            }
            imported.notes().forEach(n -> env.err().println("note: " + n));
            loaded.problems().forEach(p -> env.err().println(p));
            if (loaded.hasErrors()) {
                long errors = loaded.problems().stream().filter(Problem::isError).count();
                env.err().println(fileName + ": " + errors + " validation error" + (errors == 1 ? "" : "s")
                        + "; fix them by hand before applying");
                return FAILED;
            }
            if (imported.domains().isEmpty()) {
                return OK;
            }
            Plan plan = new Planner(incus).plan(loaded.infra(), loaded.addresses(), PlanOptions.DEFAULT);
            if (plan.isEmpty()) {
                env.err().println("Valid; its plan is empty: Incus already matches it.");
            } else {
                env.err().println("Valid; the next apply of it would still change:");
                plan.diffLines().forEach(l -> env.err().println("  " + l));
            }
            return OK;
        }
    }
}
