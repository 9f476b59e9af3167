package io.anklume.core.cli;

import io.anklume.core.ActionException;
import io.anklume.core.plan.PlanException;
import io.anklume.incus.IncusException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terminal-free subcommands (validate, plan, apply, list, ...). Exit codes: 0 success or no
 * changes, 1 invalid input or failure, 2 ({@code plan} only) changes pending.
 */
public final class Cli {
    private static final Set<String> HELP = Set.of("--help", "-h", "help");

    private final CliEnvironment env;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Cli(PrintStream out, PrintStream err, InputStream in) {
        this(CliEnvironment.standard(out, err, in));
    }

    public Cli(CliEnvironment env) {
        this(env, Clock.systemUTC(), ShellAttacher.NONE);
    }

    /**
     * {@code clock} names snapshots and disposables ({@code snap-<timestamp>}, {@code disp-<timestamp>});
     * {@code attacher} gives a shell the real terminal (the terminal front end has one).
     */
    public Cli(CliEnvironment env, Clock clock, ShellAttacher attacher) {
        this.env = env;
        for (Command c : List.of(new ValidateCommand(env), new PlanCommand(env, clock), new ApplyCommand(env, clock),
                new ListCommand(env), new SnapshotCommand(env, clock), new RestoreCommand(env), new RollbackCommand(env),
                new DisposableCommand(env, clock, attacher), new PublishCommand(env),
                new BackupCommand(env, clock), new GpuCommand(env),
                new OrphansCommand(env), new ImportInfraCommand(env),
                new FlushCommand(env), new RouteCommand(env), new SshConfigCommand(env),
                new NftCommand(env))) {
            commands.put(c.name(), c);
        }
    }

    /** True when {@code args} names a subcommand this class handles (or asks for the overall help). */
    public static boolean handles(List<String> args) {
        return !args.isEmpty() && (!args.get(0).startsWith("-") || HELP.contains(args.get(0)));
    }

    public int run(List<String> args) {
        if (args.isEmpty() || HELP.contains(args.get(0))) {
            if (args.size() > 1 && commands.containsKey(args.get(1))) {
                env.out().println(commands.get(args.get(1)).help());
            } else {
                env.out().println(help());
            }
            return args.isEmpty() ? Command.FAILED : Command.OK;
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            env.err().println("anklume-tui: unknown command '" + args.get(0) + "'. Commands: "
                    + String.join(", ", commands.keySet()) + ". See anklume-tui --help.");
            return Command.FAILED;
        }
        try {
            return command.run(args.subList(1, args.size()));
        } catch (Args.UsageException e) {
            env.err().println("anklume-tui " + command.name() + ": " + e.getMessage()
                    + ". See anklume-tui " + command.name() + " --help.");
        } catch (IncusException e) {
            env.err().println("anklume-tui " + command.name() + ": Incus: " + e.getMessage());
        } catch (ActionException e) {
            env.err().println("anklume-tui " + command.name() + ": " + e.getMessage());
        } catch (PlanException e) {
            env.err().println("anklume-tui " + command.name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Last resort: still one clean line, never a stack trace.
            env.err().println("anklume-tui " + command.name() + ": " + describe(e));
        }
        return Command.FAILED;
    }

    public String help() {
        StringBuilder text = new StringBuilder("""
                Usage: anklume-tui COMMAND [OPTIONS]
                       anklume-tui            (no command: the terminal interface)

                Commands:
                """);
        commands.values().forEach(c -> text.append("  ").append(c.summary()).append('\n'));
        text.append("""

                Run anklume-tui COMMAND --help for the options of a command.
                Exit codes: 0 success or no changes, 1 invalid input or failure, 2 (plan, nft --diff) changes pending.""");
        return text.toString();
    }

    static String singleFile(Args args) throws Args.UsageException {
        if (args.positional().size() != 1) {
            throw new Args.UsageException(args.positional().isEmpty() ? "missing FILE"
                    : "expected one FILE, got " + args.positional());
        }
        return args.positional().get(0);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
                text.append(": ").append(c.getMessage());
            }
        }
        return text.toString();
    }
}
