package io.anklume.core.routing.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.net.HostNetworks;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.ExecResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy device on a real container: a TCP connection to the host's loopback port reaches a
 * listener on port 22 inside the container, bytes cross both ways, and the allocation is stable.
 */
class SshProxyIT {
    static IncusLab lab;
    static String box;
    static int port;

    @BeforeAll
    static void setUp() throws IOException {
        lab = IncusLab.create();
        box = lab.name("ssh");
        lab.launch(box);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    static Infra infra(boolean ssh) {
        String yaml = """
                project_name: ssh-it
                global:
                  addressing: {base_octet: 10, zone_base: 100}
                  routing:
                    ssh_ports: "%d-%d"
                    ssh_listen: 127.0.0.1
                domains:
                  %s:
                    machines:
                      %s: {%s}
                """.formatted(port, port, lab.project(), box, ssh ? "ssh: true" : "");
        InfraFiles.Loaded loaded = InfraFiles.parse("infra.yml", yaml, HostNetworks.none());
        assertTrue(loaded.problems().stream().noneMatch(p -> p.isError()), () -> loaded.problems().toString());
        return loaded.infra();
    }

    @Test
    void bytesCrossTheProxyDeviceBothWaysAndTheDeviceGoesWithSsh() throws Exception {
        SshProxies proxies = new SshProxies(lab.client(), false);
        List<SshRoute> routes = proxies.sync(infra(true));
        assertEquals(List.of(new SshRoute(box, lab.project(), port, "root", routes.get(0).ipv4())), routes);
        assertEquals(Map.of("type", "proxy", "listen", "tcp:127.0.0.1:" + port, "connect", "tcp:127.0.0.1:22",
                "bind", "host"), lab.client().instances().get(lab.project(), box).devices().get(SshProxies.DEVICE));

        ExecResult started = lab.exec(box, "sh", "-c",
                "( (echo from-container; sleep 5) | nc -l -p 22 > /tmp/got ) </dev/null >/dev/null 2>&1 &");
        assertEquals(0, started.exitCode(), started::stderr);
        String line = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (line == null && System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write("from-host\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            } catch (IOException listenerNotUpYet) {
                IncusLab.sleep(200);
            }
        }
        assertEquals("from-container", line, () -> "in the container: " + lab.exec(box, "sh", "-c", "ps; netstat -ltn; cat /tmp/got").stdout());
        String got = "";
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!got.contains("from-host") && System.nanoTime() < deadline) {
            got = lab.exec(box, "cat", "/tmp/got").stdout();
            IncusLab.sleep(200);
        }
        assertEquals("from-host\n", got);

        // Syncing again keeps the port and changes nothing; dropping ssh removes the device.
        assertEquals(routes, proxies.sync(infra(true)));
        proxies.sync(infra(false));
        assertFalse(lab.client().instances().get(lab.project(), box).devices().containsKey(SshProxies.DEVICE));
    }
}
