package io.anklume.core.cli;

import io.anklume.core.image.GoldenImages;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import java.util.List;
import java.util.Set;

final class PublishCommand implements Command {
    private final CliEnvironment env;

    PublishCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "publish"; }

    public String summary() { return "publish INSTANCE --alias A  make a stopped instance a golden image"; }

    public String help() {
        return """
                Usage: anklume-tui publish INSTANCE --alias A

                Publishes the stopped INSTANCE (PROJECT/NAME or a unique NAME) as a local image named A.
                Machines then use it with os_image: A in infra.yml. A running instance is refused.

                Exit codes: 0 published, 1 invalid input or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of(), Set.of("--alias"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        if (args.positional().size() != 1 || args.option("--alias") == null) {
            throw new Args.UsageException("expected INSTANCE --alias A");
        }
        try (IncusClient incus = env.incus().get()) {
            InstanceRef ref = InstanceArg.resolve(incus, args.positional().get(0));
            String fingerprint = new GoldenImages(incus, false).publish(ref, args.option("--alias"));
            env.out().println("published " + ref + " as image " + args.option("--alias").strip()
                    + (fingerprint.isEmpty() ? "" : " (" + fingerprint.substring(0, Math.min(12, fingerprint.length())) + ")")
                    + "; use it with os_image: " + args.option("--alias").strip());
            return OK;
        }
    }
}
