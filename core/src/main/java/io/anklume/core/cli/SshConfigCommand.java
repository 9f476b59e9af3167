package io.anklume.core.cli;

import io.anklume.core.infra.Infra;
import io.anklume.core.routing.ssh.SshConfig;
import io.anklume.core.routing.ssh.SshPiperExport;
import io.anklume.core.routing.ssh.SshProxies;
import io.anklume.core.routing.ssh.SshRoute;
import io.anklume.incus.IncusClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code ssh-config}: ~/.ssh/config blocks; {@code --sshpiper DIR}: an sshpiper workingdir instead. */
final class SshConfigCommand implements Command {
    private final CliEnvironment env;

    SshConfigCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "ssh-config"; }

    public String summary() { return "ssh-config FILE [--host H] ~/.ssh/config blocks of the SSH routes"; }

    public String help() {
        return """
                Usage: anklume-tui ssh-config FILE [--host NAME]
                       anklume-tui ssh-config FILE --sshpiper DIR [--authorized-keys KEYS_FILE]

                Prints one ~/.ssh/config Host block per machine with ssh in FILE: the host's address
                (--host, default global.routing.ssh_listen, or localhost when that is 0.0.0.0) and the
                machine's port (its anklume-ssh proxy device; run `route sync` first).

                --sshpiper DIR writes an sshpiper workingdir instead: DIR/<machine>/sshpiper_upstream
                (<user>@<instance address>:22) and, with --authorized-keys, DIR/<machine>/authorized_keys;
                directories 0700, files 0600, machine names checked against ^[a-z_][-a-z0-9_]{0,31}$.
                Then: sshpiperd workingdir --root DIR, and ssh -p 2222 <machine>@host.

                Exit codes: 0 success, 1 invalid input or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of(), Set.of("--host", "--sshpiper", "--authorized-keys"));
        if (args.has("--help")) {
            env.out().println(help());
            return OK;
        }
        Optional<Infra> infra = InfraFile.load(env, Cli.singleFile(args));
        if (infra.isEmpty()) {
            return FAILED;
        }
        List<SshRoute> routes;
        try (IncusClient incus = env.incus().get()) {
            routes = new SshProxies(incus, true).plan(infra.get());
        }
        if (args.option("--sshpiper") == null) {
            String listen = infra.get().global().routing().sshListen();
            String host = args.option("--host") != null ? args.option("--host")
                    : listen.equals("0.0.0.0") || listen.equals("::") ? "localhost" : listen;
            env.out().print(SshConfig.render(routes, host));
            return OK;
        }
        try {
            String keys = args.option("--authorized-keys") == null ? null
                    : Files.readString(Path.of(args.option("--authorized-keys")));
            SshPiperExport.Result r = SshPiperExport.write(Path.of(args.option("--sshpiper")), routes, keys);
            r.written().forEach(m -> env.out().println("wrote " + m));
            r.removed().forEach(m -> env.out().println("removed " + m));
            r.skipped().forEach(m -> env.err().println("skipped " + m));
            return r.skipped().isEmpty() ? OK : FAILED;
        } catch (IOException e) {
            env.err().println("anklume-tui ssh-config: " + e.getMessage());
            return FAILED;
        }
    }
}
