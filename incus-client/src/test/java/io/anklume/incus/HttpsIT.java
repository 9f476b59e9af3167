package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote transport against the same daemon listening on loopback HTTPS: client certificate
 * authentication and server certificate pinning. The daemon's listener is removed afterwards.
 */
class HttpsIT {
    static IncusClient local;
    static int port;
    static String trustName;
    static String previousAddress;
    @TempDir
    static Path dir;
    static Path cert;
    static Path key;

    @BeforeAll
    static void listen() throws Exception {
        local = IncusLab.connect();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        previousAddress = run("incus", "config", "get", "core.https_address").strip();
        run("incus", "config", "set", "core.https_address", "127.0.0.1:" + port);
        cert = dir.resolve("client.crt");
        key = dir.resolve("client.key");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp384r1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=anklume-tui-test");
        trustName = "anklume-tui-test-" + port;
        run("incus", "config", "trust", "add-certificate", cert.toString(), "--name", trustName);
    }

    @AfterAll
    static void unlisten() throws Exception {
        try {
            run("incus", "config", "trust", "remove", fingerprint(cert));
        } finally {
            if (previousAddress.isEmpty()) {
                run("incus", "config", "unset", "core.https_address");
            } else {
                run("incus", "config", "set", "core.https_address", previousAddress);
            }
            local.close();
        }
    }

    private static IncusConfig remote(String pin) {
        return new IncusConfig(new IncusConfig.Endpoint.Https(URI.create("https://127.0.0.1:" + port), cert, key, pin, null),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @Test
    void pinnedServerAndClientCertificateGiveATrustedSession() throws Exception {
        String pin = fingerprint(Path.of("/var/lib/incus/server.crt"));
        try (IncusClient c = IncusClient.connect(remote(pin))) {
            assertEquals("trusted", c.server().info().auth());
            assertTrue(c.projects().find("default").isPresent());
            assertEquals(local.instances().listAllProjects(false).size() >= 0, true);
        }
    }

    @Test
    void aServerWithAnotherCertificateIsRefused() {
        String wrong = "00".repeat(32);
        try (IncusClient c = IncusClient.connect(remote(wrong))) {
            IncusException e = assertThrows(IncusException.class, () -> c.server().info());
            assertEquals(0, e.status());
            assertTrue(e.getMessage().contains("https://127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void targetIsSentForClusterMembers() throws Exception {
        String pin = fingerprint(Path.of("/var/lib/incus/server.crt"));
        IncusConfig withTarget = new IncusConfig(new IncusConfig.Endpoint.Https(URI.create("https://127.0.0.1:" + port),
                cert, key, pin, "member-x"), Duration.ofSeconds(10), Duration.ofSeconds(30));
        try (IncusClient c = IncusClient.connect(withTarget)) {
            // A standalone daemon rejects a target: proof that the parameter reached it.
            IncusException e = assertThrows(IncusException.class, () -> c.server().resources());
            assertTrue(e.request().contains("target=member-x"), e.request());
        }
    }

    static String fingerprint(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

}
