package io.anklume.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.anklume.core.ActionException;
import io.anklume.core.infra.Infra;
import io.anklume.core.inventory.InventorySettings;
import io.anklume.core.inventory.LiveInventory;
import io.anklume.core.routing.AddressBook;
import io.anklume.core.routing.CaddyException;
import io.anklume.core.routing.RouteKeeper;
import io.anklume.core.routing.RouteReconciler;
import io.anklume.core.routing.RouteService;
import io.anklume.core.routing.RouteStatus;
import io.anklume.core.routing.SyncReport;
import io.anklume.core.routing.ssh.SshProxies;
import io.anklume.core.routing.ssh.SshRoute;
import io.anklume.incus.IncusClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@code route list|add|remove|sync}: HTTP routes through Caddy and SSH proxy devices, declared in infra.yml. */
final class RouteCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliEnvironment env;

    RouteCommand(CliEnvironment env) {
        this.env = env;
    }

    public String name() { return "route"; }

    public String summary() { return "route list|add|remove|sync FILE   HTTP (Caddy) and SSH routes"; }

    public String help() {
        return """
                Usage: anklume-tui route list FILE [--json]
                       anklume-tui route add FILE MACHINE HOST PORT [--user USER] [--no-sync]
                       anklume-tui route remove FILE HOST [--no-sync]
                       anklume-tui route sync FILE [--watch] [--interval SECONDS]

                list     every declared route: URL, target (the instance's address now), auth, whether
                         Caddy holds exactly it; then the SSH routes (host port -> instance:22)
                add      declares HOST -> MACHINE:PORT in FILE (comments kept); with --user, the
                         password is asked for without echo (or read from the first line of stdin)
                         and only its bcrypt hash is written; then syncs
                remove   removes the route of HOST from FILE, then syncs
                sync     makes Caddy's anklume-* routes and the anklume-ssh proxy devices match FILE;
                         --watch keeps them so (Incus events, and every --interval seconds, default 2,
                         for a restarted Caddy) until interrupted

                Routes of other owners in Caddy (any @id not starting with anklume-) are never touched.
                Exit codes: 0 success, 1 invalid input or failure.""";
    }

    public int run(List<String> argList) throws Args.UsageException {
        Args args = Args.parse(argList, Set.of("--json", "--watch", "--no-sync"), Set.of("--user", "--interval"));
        if (args.has("--help") || args.positional().isEmpty()) {
            env.out().println(help());
            return args.has("--help") ? OK : FAILED;
        }
        List<String> p = args.positional();
        String verb = p.get(0);
        int expected = switch (verb) {
            case "list", "sync" -> 2;
            case "add" -> 5;
            case "remove" -> 3;
            default -> throw new Args.UsageException("unknown route command '" + verb + "' (list, add, remove, sync)");
        };
        if (p.size() != expected) {
            throw new Args.UsageException("route " + verb + " takes " + (expected - 1) + " argument"
                    + (expected == 2 ? "" : "s") + ", got " + p.subList(1, p.size()));
        }
        String file = p.get(1);
        RouteService service = new RouteService(false);
        try {
            switch (verb) {
                case "add" -> {
                    int port = port(p.get(4));
                    char[] password = args.option("--user") == null ? null : Secret.read(env, "password for "
                            + args.option("--user"));
                    if (password != null && password.length == 0) {
                        throw new Args.UsageException("empty password");
                    }
                    service.addRoute(Path.of(file), p.get(2), p.get(3), port, args.option("--user"), password);
                    env.out().println("added " + p.get(3) + " -> " + p.get(2) + ":" + port + " to " + file);
                    return args.has("--no-sync") ? OK : sync(file, service);
                }
                case "remove" -> {
                    String machine = service.removeRoute(Path.of(file), p.get(2));
                    env.out().println("removed " + p.get(2) + " (machine " + machine + ") from " + file);
                    return args.has("--no-sync") ? OK : sync(file, service);
                }
                case "list" -> {
                    return list(file, service, args.has("--json"));
                }
                default -> {
                    return args.has("--watch") ? watch(file, interval(args.option("--interval"))) : sync(file, service);
                }
            }
        } catch (ActionException e) {
            env.err().println("anklume-tui route: " + e.getMessage());
            return FAILED;
        } catch (CaddyException e) {
            env.err().println("anklume-tui route: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            env.err().println("anklume-tui route: " + e.getMessage());
            return FAILED;
        }
    }

    private static int port(String text) throws Args.UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new Args.UsageException("PORT must be 1-65535, got '" + text + "'");
    }

    private static Duration interval(String text) throws Args.UsageException {
        if (text == null) {
            return Duration.ofSeconds(2);
        }
        try {
            double seconds = Double.parseDouble(text);
            if (seconds >= 0.1 && seconds <= 3600) {
                return Duration.ofMillis((long) (seconds * 1000));
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new Args.UsageException("--interval must be 0.1-3600 seconds, got '" + text + "'");
    }

    private int sync(String file, RouteService service) {
        Optional<Infra> infra = InfraFile.load(env, file);
        if (infra.isEmpty()) {
            return FAILED;
        }
        try (IncusClient incus = env.incus().get()) {
            SyncReport report = service.sync(infra.get(), AddressBook.ofInstances(incus.instances().listAllProjects(true)));
            env.out().println("caddy: " + report);
            // Always: a machine whose ssh was dropped loses its proxy device.
            for (SshRoute r : new SshProxies(incus, false).sync(infra.get())) {
                env.out().println("ssh: " + r.machine() + " port " + r.port() + " -> :22");
            }
        }
        return OK;
    }

    private int list(String file, RouteService service, boolean json) {
        Optional<Infra> infra = InfraFile.load(env, file);
        if (infra.isEmpty()) {
            return FAILED;
        }
        List<RouteStatus> routes;
        List<SshRoute> ssh;
        try (IncusClient incus = env.incus().get()) {
            routes = service.status(infra.get(), AddressBook.ofInstances(incus.instances().listAllProjects(true)));
            ssh = new SshProxies(incus, true).plan(infra.get());
        }
        if (json) {
            try {
                env.out().println(JSON.writeValueAsString(java.util.Map.of("routes", routes, "ssh", ssh)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return OK;
        }
        String format = "%-36s %-28s %-22s %-4s %s%n";
        env.out().printf(format, "URL", "ID", "TARGET", "AUTH", "STATE");
        for (RouteStatus r : routes) {
            env.out().printf(format, r.url(), r.id(), r.target(), r.auth() ? "yes" : "no", r.state().text());
        }
        if (!ssh.isEmpty()) {
            env.out().println();
            env.out().printf("%-24s %-8s %-8s %s%n", "SSH", "PORT", "USER", "TARGET");
            for (SshRoute r : ssh) {
                env.out().printf("%-24s %-8d %-8s %s%n", r.machine(), r.port(), r.user(),
                        r.ipv4() == null ? "(no address)" : r.ipv4() + ":22");
            }
        }
        return OK;
    }

    /** Runs the keeper until the process is interrupted; the file is re-read when it changes and is valid. */
    private int watch(String file, Duration interval) {
        Optional<Infra> first = InfraFile.load(env, file);
        if (first.isEmpty()) {
            return FAILED;
        }
        AtomicReference<Infra> current = new AtomicReference<>(first.get());
        Path path = Path.of(file);
        long[] modified = {path.toFile().lastModified()};
        CountDownLatch forever = new CountDownLatch(1);
        try (IncusClient incus = env.incus().get();
             LiveInventory inventory = new LiveInventory(incus, Clock.systemUTC(), InventorySettings.defaults()).start();
             RouteKeeper keeper = new RouteKeeper(new RouteReconciler(RouteService.caddy(first.get())), () -> {
                 long now = path.toFile().lastModified();
                 if (now != modified[0]) {
                     modified[0] = now;
                     InfraFile.load(env, file).ifPresent(current::set);
                 }
                 return current.get();
             }, inventory, interval, outcome -> {
                 if (outcome instanceof RouteKeeper.Outcome.Synced s && s.report().changed()) {
                     env.out().println("caddy: " + s.report());
                 } else if (outcome instanceof RouteKeeper.Outcome.Failed f) {
                     env.err().println("caddy: " + f.message());
                 }
             }).start()) {
            env.out().println("keeping the routes of " + file + " in sync (every " + interval.toMillis()
                    + " ms and on Incus events); interrupt to stop");
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }
}
