package io.anklume.incus;

import io.anklume.incus.model.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Interactive exec over the operation's websockets: fd 0 carries the PTY both ways as binary frames,
 * the control socket takes JSON resize and signal messages. The server ends the output with an empty
 * text frame; the operation finishes only once we close the data socket.
 */
final class WebSocketExecSession implements ExecSession {
    private static final byte[] EOF = new byte[0];

    private final Rest rest;
    private final OperationHandle op;
    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch dataOpen = new CountDownLatch(1);
    private volatile WebSocket control;
    private volatile WebSocket data;
    private volatile String failure;

    private WebSocketExecSession(Rest rest, OperationHandle op) {
        this.rest = rest;
        this.op = op;
    }

    static ExecSession open(Rest rest, OperationHandle op) {
        WebSocketExecSession s = new WebSocketExecSession(rest, op);
        s.connect();
        return s;
    }

    @SuppressWarnings("unchecked")
    private void connect() {
        Map<String, Object> md = op.initial().metadata();
        Map<String, String> fds = md != null && md.get("fds") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
        String controlSecret = fds.get("control");
        String dataSecret = fds.get("0");
        if (controlSecret == null || dataSecret == null) {
            throw new IncusException(500, "exec operation has no websocket secrets", "exec " + op.id());
        }
        String path = "/1.0/operations/" + op.id() + "/websocket";
        control = rest.webSocket(path, Query.of().with("secret", controlSecret), new WebSocketListener() {});
        data = rest.webSocket(path, Query.of().with("secret", dataSecret), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                dataOpen.countDown();
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                received.add(bytes.toByteArray());
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                if (text.isEmpty()) {
                    finish();
                } else {
                    received.add(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                finish();
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                failure = String.valueOf(t.getMessage());
                dataOpen.countDown();
                finish();
            }
        });
        try {
            if (!dataOpen.await(10, TimeUnit.SECONDS) || failure != null) {
                throw new IncusException(0, "cannot attach to the exec session: "
                        + (failure == null ? "timed out" : failure), "exec " + op.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException(0, "interrupted while attaching", "exec " + op.id());
        }
    }

    private void finish() {
        if (ended.getCount() > 0) {
            received.add(EOF);
            ended.countDown();
        }
    }

    @Override
    public OutputStream stdin() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!data.send(ByteString.of(b, off, len))) {
                    throw new IOException("the exec session is closed");
                }
            }
        };
    }

    @Override
    public InputStream output() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;
            private boolean eof;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (!eof && pos >= current.length) {
                    try {
                        current = received.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    pos = 0;
                    if (current == EOF) {
                        eof = true;
                    }
                }
                if (eof && pos >= current.length) {
                    return -1;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public int available() {
                return current.length - pos;
            }
        };
    }

    @Override
    public void resize(int width, int height) {
        // Incus wants the sizes as strings.
        control.send("{\"command\":\"window-resize\",\"args\":{\"width\":\"" + width + "\",\"height\":\"" + height + "\"}}");
    }

    @Override
    public void signal(int signal) {
        control.send("{\"command\":\"signal\",\"signal\":" + signal + "}");
    }

    @Override
    public int waitFor(Duration timeout) {
        try {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IncusException(408, "the command did not exit within " + timeout.toSeconds() + " s",
                        "exec " + op.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException(0, "interrupted", "exec " + op.id());
        }
        data.close(1000, "done");
        Operation done = op.await(Duration.ofSeconds(Math.max(5, timeout.toSeconds())));
        Object ret = done.metadata() == null ? null : done.metadata().get("return");
        return ret instanceof Number n ? n.intValue() : -1;
    }

    @Override
    public void close() {
        if (data != null) {
            data.close(1000, "closed");
        }
        if (control != null) {
            control.close(1000, "closed");
        }
    }
}
