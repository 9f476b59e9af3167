package io.anklume.core.cli;

import io.anklume.core.gpu.GpuPassthrough;
import io.anklume.core.gpu.HostGpu;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code gpu list}, {@code gpu attach}, {@code gpu detach}: the host's GPUs and passthrough by hand. */
final class GpuCommand implements Command {
    private final CliEnvironment env;

    GpuCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "gpu"; }

    public String summary() { return "gpu list|attach|detach    the host's GPUs; GPU passthrough on a stopped instance"; }

    public String help() {
        return """
                Usage: anklume-tui gpu list
                       anklume-tui gpu attach INSTANCE [--project P] [--infra FILE]
                       anklume-tui gpu detach INSTANCE [--project P]

                list     the host's GPUs from /1.0/resources (PCI address, vendor, product, ids, driver,
                         render node) and the instances that hold one.
                attach   adds a gpu device (type gpu, gputype physical, plus global.gpu_device of FILE)
                         to a STOPPED instance, after checking the GPU policy of FILE (gpu_policy;
                         exclusive without a file): exclusive refuses when another instance has a GPU,
                         shared warns.
                detach   removes the instance's own gpu device (stopped instances only).

                Options:
                  --project P   the instance's project (default: "default")
                  --infra FILE  where gpu_policy and gpu_device come from (default ./infra.yml if present)

                Exit codes: 0 success, 1 refusal or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of(), Set.of("--project", "--infra"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        List<String> words = args.positional();
        if (words.isEmpty()) {
            throw new Args.UsageException("missing list, attach or detach");
        }
        String verb = words.get(0);
        if (!List.of("list", "attach", "detach").contains(verb)) {
            throw new Args.UsageException("unknown gpu action '" + verb + "' (list, attach, detach)");
        }
        if (!verb.equals("list") && words.size() != 2) {
            throw new Args.UsageException(verb + " needs one INSTANCE");
        }
        try (IncusClient incus = env.incus().get()) {
            GpuPassthrough gpus = new GpuPassthrough(incus, false);
            switch (verb) {
                case "list" -> {
                    List<HostGpu> host = gpus.hostGpus();
                    if (host.isEmpty()) {
                        env.out().println("No GPU on this host (/1.0/resources lists none).");
                    }
                    host.forEach(g -> env.out().println(g.describe()));
                    List<InstanceRef> holders = gpus.holders();
                    env.out().println("Instances with a GPU: " + (holders.isEmpty() ? "none"
                            : String.join(", ", holders.stream().map(InstanceRef::toString).toList())));
                    return OK;
                }
                case "attach", "detach" -> {
                    InstanceRef ref = new InstanceRef(args.options().getOrDefault("--project", "default"), words.get(1));
                    if (verb.equals("detach")) {
                        gpus.detach(ref);
                        env.out().println("GPU detached from " + ref);
                        return OK;
                    }
                    String file = args.option("--infra");
                    Path infra = file != null ? Path.of(file) : Path.of("infra.yml");
                    String warning = gpus.attach(ref, GpuPassthrough.Settings.from(infra));
                    if (warning != null) {
                        env.err().println("warning: " + warning);
                    }
                    env.out().println("GPU attached to " + ref + " (it is used from its next start)");
                    return OK;
                }
                default -> throw new Args.UsageException("unknown gpu action '" + verb + "' (list, attach, detach)");
            }
        }
    }
}
