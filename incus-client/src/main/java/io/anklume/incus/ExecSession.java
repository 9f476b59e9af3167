package io.anklume.incus;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** A live interactive exec: bytes in and out of the PTY, window resize and signals. */
public interface ExecSession extends AutoCloseable {
    OutputStream stdin();

    InputStream output();

    void resize(int width, int height);

    void signal(int signal);

    /** Waits for the process to exit and returns its exit code. */
    int waitFor(Duration timeout);

    @Override
    void close();
}
