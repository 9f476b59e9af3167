package io.anklume.tui;

import io.anklume.core.lifecycle.ShellOpener;
import io.anklume.core.lifecycle.ShellSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Hands the real terminal to a shell session: raw mode through JLine, keys to the shell, its output
 * to the screen, window resizes forwarded. Keys are read from stdin only while bytes are waiting, so
 * no reader thread is left blocked on the terminal to steal keys from the screen afterwards.
 */
final class TerminalShell {
    private TerminalShell() {}

    static int attach(ShellOpener opener, String title) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build()) {
            Size size = terminal.getSize();
            int width = size.getColumns() > 0 ? size.getColumns() : 80;
            int height = size.getRows() > 0 ? size.getRows() : 24;
            PrintStream out = System.out;
            out.print("\033]0;" + title + "\007");
            out.flush();
            Attributes saved = terminal.enterRawMode();
            try (ShellSession shell = opener.open(width, height, System.getenv("TERM"))) {
                terminal.handle(Terminal.Signal.WINCH, s -> {
                    Size now = terminal.getSize();
                    shell.resize(now.getColumns(), now.getRows());
                });
                AtomicBoolean ended = new AtomicBoolean();
                Thread output = new Thread(() -> copy(shell.output(), out, ended), "anklume-shell-output");
                output.setDaemon(true);
                output.start();
                pumpKeys(System.in, shell.stdin(), ended);
                output.join(2000);
                return shell.waitFor(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            } finally {
                terminal.setAttributes(saved);
                terminal.handle(Terminal.Signal.WINCH, Terminal.SignalHandler.SIG_DFL);
                out.print("\033]0;anklume-tui\007");
                out.flush();
            }
        }
    }

    private static void copy(InputStream from, PrintStream to, AtomicBoolean ended) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The session is gone: nothing more to show.
        } finally {
            ended.set(true);
        }
    }

    private static void pumpKeys(InputStream keys, OutputStream shell, AtomicBoolean ended) throws InterruptedException {
        byte[] buffer = new byte[1024];
        while (!ended.get()) {
            try {
                int waiting = keys.available();
                if (waiting > 0) {
                    int n = keys.read(buffer, 0, Math.min(waiting, buffer.length));
                    if (n > 0) {
                        shell.write(buffer, 0, n);
                    }
                } else {
                    Thread.sleep(10);
                }
            } catch (IOException e) {
                return; // the session closed its input: the shell is ending
            }
        }
    }
}
