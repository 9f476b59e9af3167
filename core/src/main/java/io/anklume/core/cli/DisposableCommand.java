package io.anklume.core.cli;

import io.anklume.core.disposable.Disposables;
import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class DisposableCommand implements Command {
    private final CliEnvironment env;
    private final Clock clock;
    private final ShellAttacher attacher;

    DisposableCommand(CliEnvironment env, Clock clock, ShellAttacher attacher) {
        this.env = env;
        this.clock = clock;
        this.attacher = attacher;
    }

    public String name() { return "disposable"; }

    public String summary() { return "disposable [--image I] [--domain D] [--no-attach]  throw-away shell"; }

    public String help() {
        return """
                Usage: anklume-tui disposable [--image I] [--domain D] [--infra FILE] [--no-attach]

                Launches an Incus ephemeral container disp-<UTC timestamp> and opens a shell in it over
                the exec websocket. When the shell exits the container is stopped, and Incus deletes it.
                Domain: D, else the domain of trust level disposable (of FILE, else the applied one marked
                in Incus), else the default project. Image: I, else FILE's global.default_os_image.
                FILE defaults to ./infra.yml when it exists.

                Options:
                  --no-attach   only launch it and print its name (stop it to make it disappear)

                Exit codes: the shell's exit code; 0 with --no-attach; 1 invalid input or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--no-attach"), Set.of("--image", "--domain", "--infra"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        if (!args.positional().isEmpty()) {
            throw new Args.UsageException("disposable takes no arguments, got " + args.positional());
        }
        Optional<Infra> infra = infra(args);
        if (infra == null) {
            return FAILED;
        }
        String image = args.option("--image") != null ? args.option("--image")
                : infra.map(i -> i.global().defaultOsImage()).orElse(null);
        String domain = args.option("--domain") != null ? args.option("--domain")
                : infra.flatMap(i -> i.enabledDomains().stream().filter(d -> d.trustLevel() == TrustLevel.DISPOSABLE)
                        .map(Domain::name).findFirst()).orElse(null);
        try (IncusClient incus = env.incus().get()) {
            Disposables disposables = new Disposables(incus, clock, false);
            InstanceRef ref = disposables.launch(image, domain);
            env.out().println("launched " + ref + " (ephemeral: it disappears when stopped)");
            if (args.has("--no-attach")) {
                return OK;
            }
            try {
                return attacher.attach((w, h, term) -> disposables.shell(ref, w, h, term), "[disposable] " + ref);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the shell in " + ref + " failed: " + e.getMessage(), e);
            } finally {
                disposables.discard(ref);
                env.out().println("stopped " + ref + "; Incus deleted it");
            }
        }
    }

    /** The infra file if one is given or ./infra.yml exists; null (after printing why) when it is invalid. */
    private Optional<Infra> infra(Args args) {
        String file = args.option("--infra");
        if (file == null) {
            if (!Files.isRegularFile(Path.of("infra.yml"))) {
                return Optional.empty();
            }
            file = "infra.yml";
        }
        Optional<Infra> loaded = InfraFile.load(env, file);
        return loaded.isEmpty() ? null : loaded;
    }
}
