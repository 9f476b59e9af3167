package io.anklume.core.lab;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix socket that forwards to the Incus socket and can be cut and restored, so a test sees Incus
 * "go away" and come back without touching the daemon.
 */
public final class SocketRelay implements AutoCloseable {
    private final Path listen;
    private final Path target;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocketChannel server;

    public SocketRelay(Path listen, Path target) {
        this.listen = listen;
        this.target = target;
    }

    public Path path() {
        return listen;
    }

    public synchronized void start() throws IOException {
        Files.deleteIfExists(listen);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(listen));
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the listening socket and every forwarded connection. */
    public synchronized void cut() throws IOException {
        ServerSocketChannel s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        for (SocketChannel c : open) {
            c.close();
        }
        open.clear();
        Files.deleteIfExists(listen);
    }

    private void accept(ServerSocketChannel s) {
        try {
            while (true) {
                SocketChannel client = s.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(target));
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
        } catch (IOException e) {
            // closed by cut()
        }
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
