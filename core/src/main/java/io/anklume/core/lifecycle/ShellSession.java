package io.anklume.core.lifecycle;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * An interactive shell in an instance (a PTY over the exec websocket): the front end pumps its
 * terminal's bytes through it and forwards window sizes. Terminal handling stays in the front end.
 */
public interface ShellSession extends AutoCloseable {
    OutputStream stdin();

    /** The PTY's output; ends when the shell exits. */
    InputStream output();

    void resize(int width, int height);

    /** Waits for the shell to exit and returns its exit code. */
    int waitFor(Duration timeout);

    @Override
    void close();
}
