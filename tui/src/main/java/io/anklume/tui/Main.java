package io.anklume.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import io.anklume.core.CoreServices;
import io.anklume.core.cli.Cli;
import io.anklume.core.inventory.InstanceView;
import io.anklume.core.snapshot.IncusSnapshots;
import io.anklume.incus.IncusConfig;
import io.anklume.incus.IncusException;
import io.anklume.themes.ThemeLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code anklume-tui [--read-only] [--infra FILE] [--theme NAME]} opens the screen;
 * {@code anklume-tui COMMAND ...} runs a subcommand without one (see {@code --help}).
 */
public final class Main {
    static final String VERSION = "0.1.0";

    private Main() {}

    record Options(boolean readOnly, Path infra, String theme) {}

    public static void main(String[] args) {
        List<String> list = List.of(args);
        if (list.equals(List.of("--cds-training"))) {
            System.exit(CdsTraining.run());
        }
        if (list.equals(List.of("--help")) || list.equals(List.of("-h"))) {
            System.out.println(Runner.usage());
            System.out.println();
            System.out.println(cli().help());
            System.exit(0);
        }
        if (Cli.handles(list)) {
            System.exit(runCli(list));
        }
        System.exit(new Main.Runner(System.out, System.err).run(list));
    }

    /** A subcommand, with the freezer guard for the snapshots and pauses it may wait for. */
    private static int runCli(List<String> args) {
        try (var guard = io.anklume.core.freezer.FreezerStallGuard.start(java.time.Duration.ofSeconds(1),
                report -> System.err.println("anklume-tui: " + report))) {
            return cli().run(args);
        }
    }

    /** The subcommands, with this terminal for the ones that attach a shell. */
    static Cli cli() {
        return new Cli(io.anklume.core.cli.CliEnvironment.standard(System.out, System.err, System.in), Clock.systemUTC(),
                TerminalShell::attach);
    }

    static final class Runner {
        private final PrintStream out;
        private final PrintStream err;

        Runner(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        int run(List<String> args) {
            Options options;
            try {
                options = parse(args);
            } catch (IllegalArgumentException e) {
                err.println("anklume-tui: " + e.getMessage());
                err.println("Run anklume-tui --help for usage.");
                return 1;
            }
            if (options == null) {
                return 0;
            }
            if (!terminalUsable()) {
                logToFile();
                CoreServices core;
                try {
                    core = connect(options);
                } catch (IncusException e) {
                    return incusFailed(e);
                }
                try (core) {
                    return printList(core);
                }
            }
            // Incus is opened (and the first inventory request sent) while the terminal is set up:
            // the terminal's stty calls and the theme do not need Incus, and Incus does not need them.
            CompletableFuture<CoreServices> opening = Opening.start(options);
            // After the first request is on its way: setting up java.util.logging and the file costs
            // ~40-100 ms here. A warning logged meanwhile would go to stderr, before the screen starts.
            logToFile();
            ThemeLoader.Loaded theme = ThemeLoader.forUser().initial(options.theme());
            Terminal terminal;
            try {
                terminal = consoleTerminal();
            } catch (IOException e) {
                opening.thenAccept(CoreServices::close);
                err.println("anklume-tui: the terminal failed: " + e.getMessage());
                return 1;
            }
            CoreServices core;
            try {
                core = opening.join();
            } catch (CompletionException e) {
                closeQuietly(terminal); // gives the tty its settings back before the reason is printed
                if (e.getCause() instanceof IncusException ie) {
                    return incusFailed(ie);
                }
                throw e;
            }
            try (core) {
                return runScreen(core, options, terminal, theme);
            } catch (IOException e) {
                err.println("anklume-tui: the terminal failed: " + e.getMessage());
                return 1;
            }
        }

        /**
         * Opens Incus on a thread of its own. A class, not a lambda: the first lambda of a run sets up
         * invokedynamic and spins a class (~25 ms here), which the first request need not wait for.
         */
        private static final class Opening implements Runnable {
            private final CompletableFuture<CoreServices> result = new CompletableFuture<>();
            private final Options options;

            private Opening(Options options) {
                this.options = options;
            }

            static CompletableFuture<CoreServices> start(Options options) {
                Opening opening = new Opening(options);
                Thread t = new Thread(opening, "anklume-connect");
                t.setDaemon(true);
                t.start();
                return opening.result;
            }

            @Override
            public void run() {
                try {
                    result.complete(connect(options));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }
        }

        /** Opens Incus and asks it once, so an unreachable daemon is reported before any screen. */
        private static CoreServices connect(Options options) {
            CoreServices core = CoreServices.open(IncusConfig.local(), options.readOnly());
            try {
                core.client().server().info();
                return core;
            } catch (RuntimeException e) {
                core.close();
                throw e;
            }
        }

        private int incusFailed(IncusException e) {
            err.println("anklume-tui: " + e.error());
            if (e.error().contains("permission denied")) {
                err.println("Run it as root (sudo anklume-tui) or add your user to the incus-admin group.");
            }
            return 1;
        }

        Options parse(List<String> args) {
            boolean readOnly = false;
            Path infra = null;
            String theme = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--read-only", "--readonly" -> readOnly = true;
                    case "--infra" -> infra = Path.of(value(args, ++i, a));
                    case "--theme" -> theme = value(args, ++i, a);
                    case "--version" -> {
                        out.println("anklume-tui " + VERSION);
                        return null;
                    }
                    case "-h", "--help" -> {
                        out.println(usage());
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (infra == null && Files.isRegularFile(Path.of("infra.yml"))) {
                infra = Path.of("infra.yml");
            } else if (infra == null && Files.isRegularFile(Path.of("infra", "base.yml"))) {
                infra = Path.of("infra"); // anklume's split layout
            }
            return new Options(readOnly, infra, theme);
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }

        static String usage() {
            return """
                    Usage: anklume-tui [--read-only] [--infra FILE] [--theme NAME]
                           anklume-tui COMMAND [ARGS]   (the commands are listed below; COMMAND --help)

                    Opens a keyboard-driven screen over every Incus instance of every project, colored by
                    the trust level of its domain. Press ? in any view for its keys.

                      --read-only    hide and refuse every action that changes anything
                      --infra FILE   the infra.yml that adopt (a) records into (default ./infra.yml)
                      --theme NAME   default, ansi16, mono, or a file in ~/.config/anklume-tui/themes/
                    NO_COLOR=1 selects the mono theme.""";
        }

        private static boolean terminalUsable() {
            String term = System.getenv("TERM");
            return System.console() != null && term != null && !term.isBlank() && !term.equals("dumb");
        }

        /** Without a terminal (a pipe, TERM=dumb): the list as text, and how to get more. */
        int printList(CoreServices core) {
            try {
                core.awaitInventory(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<InstanceView> all = new ArrayList<>(core.inventory().current().instances());
            all.sort(java.util.Comparator.comparing((InstanceView v) -> String.valueOf(v.domain())).thenComparing(InstanceView::name));
            out.printf("%-24s %-12s %-10s %-9s %-15s %s%n", "NAME", "DOMAIN", "TRUST", "STATE", "IPV4", "MANAGED");
            for (InstanceView v : all) {
                out.printf("%-24s %-12s %-10s %-9s %-15s %s%n", v.name(), v.domain(),
                        v.trust() == null ? "-" : v.trust().yamlName(), v.status(), v.ipv4() == null ? "-" : v.ipv4(),
                        v.managed() ? "yes" : v.disposable() ? "disposable" : "untracked");
            }
            err.println("(no interactive terminal: printed the list; run 'anklume-tui --help' for the subcommands)");
            return 0;
        }

        int runScreen(CoreServices core, Options options, Terminal terminal, ThemeLoader.Loaded theme) throws IOException {
            Screen screen = new TerminalScreen(terminal);
            ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "anklume-action");
                t.setDaemon(true);
                return t;
            });
            Thread restore = new Thread(() -> stopQuietly(screen));
            Runtime.getRuntime().addShutdownHook(restore);
            IncusSnapshots names = new IncusSnapshots(core.client(), Clock.systemDefaultZone(), true);
            var infraRoutes = new io.anklume.core.routing.InfraRoutes(options.infra(), core.inventory(), options.readOnly());
            TuiServices services = new TuiServices(core.inventory(), core.lifecycle(), core.snapshots(),
                    (ref, file) -> {
                        var adopted = core.adoption().adopt(ref, file);
                        // What changed on the instance (its address, say) is worth telling, not only the file.
                        return "adopted " + ref + " into domain " + adopted.domain() + " of " + adopted.file()
                                + (adopted.changes().isEmpty() ? "" : "; to match its entry: " + String.join("; ",
                                adopted.changes().stream().map(String::strip).toList()));
                    },
                    core.consoles(), core.details(), v -> shell(core, v), new TuiServices.Plans() {
                        @Override
                        public io.anklume.core.plan.Reconciler.Planned plan(Path file) {
                            return core.reconciler().plan(file);
                        }

                        @Override
                        public io.anklume.core.plan.ApplyReport apply(io.anklume.core.plan.Plan plan,
                                                                      io.anklume.core.plan.ApplyListener listener) {
                            return core.reconciler().apply(plan, 8, listener);
                        }
                    }, declarer(new io.anklume.core.adopt.Declarations(options.readOnly())),
                    options.infra(), options.readOnly(), names::defaultName, gpus(core, options.readOnly()),
                    housekeeping(core, options.readOnly()), routes(infraRoutes),
                    safekeeping(core), () -> disposable(core, options.infra()),
                    // The view only reads: nft list and Incus GETs, so read-only firewalls are enough.
                    new io.anklume.core.isolation.Isolation(
                            new io.anklume.core.isolation.HostFirewall(new io.anklume.core.isolation.ProcessNftRunner(), true),
                            new io.anklume.core.isolation.AclFirewall(core.client(), true))::report,
                    (ref, to) -> rename(core, infraRoutes, options.infra(), ref, to));
            // Reading the infra file for its routes is no reason to delay the first frame.
            io.anklume.core.freezer.FreezerStallGuard freezerGuard = null;
            var keeper = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> infraRoutes.keep(java.time.Duration.ofSeconds(2), outcome -> { }), workers);
            try {
                screen.startScreen();
                screen.setCursorPosition(null);
                App app = new App(screen, services, theme.theme(), workers);
                if (theme.warning() != null) {
                    app.error(theme.warning());
                }
                // Off the start-up path: the first check comes after the first frames.
                freezerGuard = io.anklume.core.freezer.FreezerStallGuard.start(java.time.Duration.ofSeconds(3),
                        report -> app.later(() -> app.info(report)));
                String marker = System.getenv("ANKLUME_TUI_FIRST_FRAME_FILE");
                if (marker != null) {
                    app.onFirstLoadedFrame(() -> writeMarker(marker));
                }
                app.loop();
                return 0;
            } finally {
                keeper.thenRun(infraRoutes::close);
                if (freezerGuard != null) {
                    freezerGuard.close();
                }
                workers.shutdownNow();
                stopQuietly(screen);
                try {
                    Runtime.getRuntime().removeShutdownHook(restore);
                } catch (IllegalStateException ignored) {
                    // Already shutting down.
                }
            }
        }

        /**
         * The console as a Lanterna terminal, made directly: DefaultTerminalFactory would first ask AWT
         * whether the system is headless, which only costs start-up time here (the console was checked).
         * Each frame reaches the terminal in one write instead of one per cell, and the tty is set up by
         * one stty process ({@link ConsoleTerminal}).
         */
        private static Terminal consoleTerminal() throws IOException {
            return new ConsoleTerminal(System.in, new FrameBufferedOutput(System.out), java.nio.charset.Charset.defaultCharset());
        }

        private static TuiServices.Declarer declarer(io.anklume.core.adopt.Declarations declarations) {
            return new TuiServices.Declarer() {
                @Override
                public void declare(Path infraFile, String domain, io.anklume.core.adopt.MachineEntry machine) {
                    declarations.addMachine(infraFile, domain, machine);
                }

                @Override
                public List<String> domains(Path infraFile) {
                    return declarations.domains(infraFile);
                }
            };
        }

        /** The rename, then Caddy at once when routes moved (the keeper would take up to its interval). */
        private static String rename(CoreServices core, io.anklume.core.routing.InfraRoutes routes, Path infra,
                                     io.anklume.core.inventory.InstanceRef ref, String to) {
            var renamed = core.renamer().rename(ref, to, infra);
            if (renamed.routes().isEmpty()) {
                return renamed.summary();
            }
            try {
                routes.sync();
                return renamed.summary();
            } catch (RuntimeException e) {
                return renamed.summary() + " (Caddy not updated yet: " + e.getMessage() + ")";
            }
        }

        private static TuiServices.Routes routes(io.anklume.core.routing.InfraRoutes routes) {
            return new TuiServices.Routes() {
                @Override
                public java.util.List<io.anklume.core.routing.RouteStatus> of(io.anklume.core.inventory.InstanceView v) {
                    return routes.of(v.name());
                }

                @Override
                public void add(io.anklume.core.inventory.InstanceView v, String host, int port, String user,
                                char[] password) {
                    routes.add(v.name(), host, port, user, password);
                }

                @Override
                public void remove(io.anklume.core.inventory.InstanceView v, String host) {
                    routes.remove(host);
                }
            };
        }

        private static TuiServices.Safekeeping safekeeping(CoreServices core) {
            return new TuiServices.Safekeeping() {
                @Override
                public String snapshotDomain(String domain) {
                    var outcome = core.bulkSnapshots().snapshot(new io.anklume.core.snapshot.SnapshotScope.Domain(domain),
                            null, io.anklume.core.snapshot.SnapshotNames.manual(Clock.systemUTC()));
                    if (!outcome.succeeded()) {
                        throw new io.anklume.core.ActionException("domain " + domain, "snapshot", outcome.summary());
                    }
                    return "domain " + domain + ": " + outcome.summary() + " ("
                            + (outcome.taken().isEmpty() ? "" : outcome.taken().get(0).name()) + ")";
                }

                @Override
                public List<String> rollbackPreview() {
                    return core.rollback().lastApply().stream().map(Object::toString).toList();
                }

                @Override
                public String rollback() {
                    var steps = core.rollback().lastApply();
                    core.rollback().run(steps);
                    return "rolled back " + steps.size() + " instance" + (steps.size() == 1 ? "" : "s")
                            + " to their pre-apply snapshots";
                }

                @Override
                public String publish(io.anklume.core.inventory.InstanceRef ref, String alias) {
                    core.goldenImages().publish(ref, alias);
                    return "published " + ref + " as image " + alias + "; use it with os_image: " + alias;
                }

                @Override
                public String exportBackup(io.anklume.core.inventory.InstanceRef ref, Path file) {
                    core.backups().export(ref, file);
                    return "exported " + ref + " to " + file.toAbsolutePath();
                }
            };
        }

        /** A disposable in the infra's disposable domain (else the applied one, else default), image from the infra. */
        private static int disposable(CoreServices core, Path infra) throws Exception {
            String image = null;
            String domain = null;
            if (infra != null && Files.isRegularFile(infra)) {
                var loaded = io.anklume.core.infra.InfraFiles.load(infra);
                if (!loaded.hasErrors()) {
                    image = loaded.infra().global().defaultOsImage();
                    domain = loaded.infra().enabledDomains().stream()
                            .filter(d -> d.trustLevel() == io.anklume.core.infra.TrustLevel.DISPOSABLE)
                            .map(io.anklume.core.infra.Domain::name).findFirst().orElse(null);
                }
            }
            var disposables = core.disposables();
            var ref = disposables.launch(image, domain);
            try {
                return TerminalShell.attach((w, h, term) -> disposables.shell(ref, w, h, term), "[disposable] " + ref);
            } finally {
                disposables.discard(ref);
            }
        }

        private static void writeMarker(String file) {
            try {
                Files.writeString(Path.of(file), Long.toString(System.currentTimeMillis()));
            } catch (IOException e) {
                Logger.getLogger(Main.class.getName()).log(Level.WARNING, "cannot write the first-frame marker", e);
            }
        }

        private static void closeQuietly(Terminal terminal) {
            try {
                terminal.close();
            } catch (IOException | RuntimeException ignored) {
                // The terminal is gone already.
            }
        }

        private static void stopQuietly(Screen screen) {
            try {
                screen.stopScreen();
            } catch (IOException | RuntimeException ignored) {
                // The terminal is gone already.
            }
        }
    }

    static TuiServices.Housekeeping housekeeping(CoreServices core, boolean readOnly) {
        io.anklume.core.flush.Flush flush = new io.anklume.core.flush.Flush(core.client(),
                new io.anklume.core.flush.NftTable(io.anklume.core.flush.NftTable.ANKLUME), readOnly);
        return new TuiServices.Housekeeping() {
            @Override
            public List<String> orphans(Path infraFile) {
                return core.adoption().orphans(load(infraFile)).stream().map(Object::toString).toList();
            }

            @Override
            public String importInfra(Path out) {
                if (Files.exists(out)) {
                    throw new io.anklume.core.ActionException(out.toString(), "write", "it already exists");
                }
                var imported = new io.anklume.core.adopt.InfraImporter(core.client()).importInfra(List.of(), false);
                try {
                    Files.writeString(out, imported.yaml());
                } catch (IOException e) {
                    throw new io.anklume.core.ActionException(out.toString(), "write", e.getMessage(), e);
                }
                return "wrote " + out + ": " + imported.domains().size() + " domains, " + imported.notes().size()
                        + " notes (see the file's comments)";
            }

            @Override
            public io.anklume.core.flush.FlushPlan flushPlan(Path infraFile, boolean force) {
                return flush.plan(load(infraFile), force);
            }

            @Override
            public String flush(io.anklume.core.flush.FlushPlan plan) {
                List<String> done = new ArrayList<>();
                flush.run(plan, done::add);
                return "flushed: " + done.size() + " objects deleted";
            }
        };
    }

    private static io.anklume.core.infra.Infra load(Path infraFile) {
        var loaded = io.anklume.core.infra.InfraFiles.load(infraFile);
        if (loaded.hasErrors()) {
            throw new io.anklume.core.ActionException(infraFile.toString(), "read", loaded.problems().stream()
                    .filter(io.anklume.core.infra.Problem::isError).findFirst().map(Object::toString).orElse("it has errors"));
        }
        return loaded.infra();
    }

    static TuiServices.Gpus gpus(CoreServices core, boolean readOnly) {
        io.anklume.core.gpu.GpuPassthrough gpus = new io.anklume.core.gpu.GpuPassthrough(core.client(), readOnly);
        return new TuiServices.Gpus() {
            @Override
            public List<String> host() {
                return gpus.hostGpus().stream().map(io.anklume.core.gpu.HostGpu::describe).toList();
            }

            @Override
            public String attach(io.anklume.core.inventory.InstanceRef ref, Path infraFile) {
                String warning = gpus.attach(ref, io.anklume.core.gpu.GpuPassthrough.Settings.from(infraFile));
                return "GPU attached to " + ref + (warning == null ? "" : " (warning: " + warning + ")");
            }

            @Override
            public void detach(io.anklume.core.inventory.InstanceRef ref) {
                gpus.detach(ref);
            }
        };
    }


    /** A login shell over the exec websocket on the real terminal; the title names domain and trust. */
    static int shell(CoreServices core, InstanceView v) throws IOException {
        String trust = v.trust() == null ? "untracked" : v.trust().yamlName();
        return TerminalShell.attach((w, h, term) -> core.shells().open(v.ref(), w, h, term),
                "[" + trust + "] " + v.domain() + "/" + v.name());
    }

    /** Logs go to a file, never onto the screen. */
    static void logToFile() {
        try {
            String state = System.getenv("XDG_STATE_HOME");
            Path dir = state != null && !state.isBlank() ? Path.of(state, "anklume-tui")
                    : Path.of(System.getProperty("user.home"), ".local", "state", "anklume-tui");
            Files.createDirectories(dir);
            Logger root = Logger.getLogger("");
            for (var h : root.getHandlers()) {
                root.removeHandler(h);
            }
            FileHandler file = new FileHandler(dir.resolve("anklume-tui.log").toString(), 1 << 20, 2, true);
            file.setFormatter(new SimpleFormatter());
            root.addHandler(file);
            root.setLevel(Level.INFO);
        } catch (IOException | RuntimeException e) {
            Logger.getLogger("").setLevel(Level.OFF);
        }
    }

}
