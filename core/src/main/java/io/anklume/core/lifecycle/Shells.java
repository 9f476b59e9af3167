package io.anklume.core.lifecycle;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.ExecSession;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Interactive login shells in instances over the exec websocket (bash when it has one, else sh). */
public final class Shells {
    static final List<String> LOGIN_SHELL = List.of("sh", "-c", "command -v bash >/dev/null && exec bash -l || exec sh -l");

    private final IncusClient client;
    private final boolean readOnly;

    /** {@code readOnly}: a shell can change anything inside, so read-only mode refuses it. */
    public Shells(IncusClient client, boolean readOnly) {
        this.client = client;
        this.readOnly = readOnly;
    }

    /** A PTY of the given size; {@code term} is passed on as TERM (xterm-256color when unknown). */
    public ShellSession open(InstanceRef ref, int width, int height, String term) {
        if (readOnly) {
            throw new ActionException(ref.toString(), "open a shell in", "anklume-tui runs in read-only mode");
        }
        ExecSession exec;
        try {
            exec = client.instances().execInteractive(ref.project(), ref.name(), LOGIN_SHELL,
                    Map.of("TERM", term == null || term.isBlank() ? "xterm-256color" : term), width, height);
        } catch (IncusException e) {
            throw new ActionException(ref.toString(), "open a shell in",
                    e.error() == null || e.error().isBlank() ? e.getMessage() : e.error(), e);
        }
        return new ShellSession() {
            @Override public OutputStream stdin() { return exec.stdin(); }
            @Override public InputStream output() { return exec.output(); }
            @Override public void resize(int w, int h) { exec.resize(w, h); }
            @Override public int waitFor(Duration timeout) { return exec.waitFor(timeout); }
            @Override public void close() { exec.close(); }
        };
    }
}
