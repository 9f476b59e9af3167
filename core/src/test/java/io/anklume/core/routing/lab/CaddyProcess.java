package io.anklume.core.routing.lab;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A caddy of the test's own: admin API and HTTP server on free loopback ports, state and autosave in
 * a temporary directory (so the user's caddy is never touched), started and stopped by its PID only.
 */
public final class CaddyProcess implements AutoCloseable {
    public static final String BINARY = "/usr/bin/caddy";

    private final Path dir;
    private final int adminPort;
    private final int httpPort;
    private Process process;

    private CaddyProcess(Path dir, int adminPort, int httpPort) {
        this.dir = dir;
        this.adminPort = adminPort;
        this.httpPort = httpPort;
    }

    /** Starts caddy with an admin API only (no HTTP or TLS app): anklume has to create its server. */
    public static CaddyProcess start(Path dir) throws IOException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new AssertionError("caddy is not installed at " + BINARY + "; run: sudo ./scripts/lab.sh");
        }
        CaddyProcess caddy = new CaddyProcess(dir, freePort(), freePort());
        caddy.restart();
        return caddy;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public long pid() {
        return process.pid();
    }

    /** (Re)starts caddy from the same admin-only config and waits until its admin API answers. */
    public void restart() throws IOException {
        stop();
        Path config = dir.resolve("caddy.json");
        // Its internal CA (tls: internal) is never installed into the host's trust store: each run
        // makes a new CA, and installing it runs update-ca-certificates while the admin API waits.
        Files.writeString(config, "{\"admin\":{\"listen\":\"127.0.0.1:" + adminPort + "\"},"
                + "\"apps\":{\"pki\":{\"certificate_authorities\":{\"local\":{\"install_trust\":false}}}}}\n");
        ProcessBuilder pb = new ProcessBuilder(BINARY, "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("caddy.log").toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("caddy exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("caddy.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(adminUrl() + "/config/").toURL().openConnection();
                c.setConnectTimeout(200);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            sleep(100);
        }
        throw new AssertionError("caddy admin API did not answer on " + adminUrl());
    }

    /** Kills this caddy (SIGKILL: as if it crashed) and waits for it to be gone. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
