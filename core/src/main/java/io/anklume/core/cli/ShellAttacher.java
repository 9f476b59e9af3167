package io.anklume.core.cli;

import io.anklume.core.lifecycle.ShellOpener;

/**
 * Gives the real terminal to a shell (raw mode, byte pump, window size); the terminal front end
 * provides it, since core has no terminal code. Returns the shell's exit code.
 */
@FunctionalInterface
public interface ShellAttacher {
    ShellAttacher NONE = (opener, title) -> {
        throw new IllegalStateException("attaching a shell needs the anklume-tui launcher's terminal; "
                + "use --no-attach and incus exec, or run it through anklume-tui");
    };

    int attach(ShellOpener opener, String title) throws Exception;
}
